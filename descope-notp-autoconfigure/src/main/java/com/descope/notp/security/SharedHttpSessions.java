package com.descope.notp.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.util.ClassUtils;

/**
 * What the starter needs of an HTTP session that several instances of an application
 * share, beyond the Servlet API: Spring Session's sessions are read once per request from
 * the store (Redis, say) and written back when the request ends, so two requests of one
 * browser on two instances each work on their own copy.
 * <ul>
 * <li>{@link #storedAttribute} reads an attribute as the store holds it now, with what
 * another instance wrote since this request read the session;</li>
 * <li>{@link #discardChanges} leaves the store as it is when this request ends: a request
 * whose copy of the session is stale (another instance has just signed the browser in,
 * changing the session id) writes nothing, instead of failing in Spring Session
 * ({@code "Session was invalidated"}) or bringing back what the other instance
 * replaced.</li>
 * </ul>
 * A container's own sessions are one object per JVM, always current: there
 * {@link #storedAttribute} reads the session and {@link #discardChanges} does nothing.
 * Spring Session is recognized by the repository its filter puts on each request
 * ({@code SessionRepositoryFilter.SESSION_REPOSITORY_ATTR}); nothing here needs Spring
 * Session on the classpath.
 */
public final class SharedHttpSessions {

	private static final boolean SPRING_SESSION_PRESENT = ClassUtils.isPresent(
			"org.springframework.session.web.http.SessionRepositoryFilter", SharedHttpSessions.class.getClassLoader());

	/**
	 * The request attribute Spring Session's {@code SessionRepositoryFilter} keeps the
	 * repository in (its public {@code SESSION_REPOSITORY_ATTR}).
	 */
	static final String SESSION_REPOSITORY_ATTRIBUTE = "org.springframework.session.SessionRepository";

	/**
	 * The request attribute Spring Session's filter keeps the request's session in, and
	 * saves at the end of the request when it is there (its private
	 * {@code CURRENT_SESSION_ATTR}, named after the public one).
	 */
	static final String CURRENT_SESSION_ATTRIBUTE = SESSION_REPOSITORY_ATTRIBUTE + ".CURRENT_SESSION";

	private SharedHttpSessions() {
	}

	/**
	 * Whether the request's HTTP session lives in a store shared with other instances
	 * (Spring Session), rather than in this JVM.
	 * @param request the request
	 * @return {@code true} under Spring Session
	 */
	public static boolean isShared(HttpServletRequest request) {
		return SPRING_SESSION_PRESENT && SpringSession.hasRepository(request);
	}

	/**
	 * An attribute of the request's session as the store holds it now: under Spring
	 * Session read again from the store, with what other instances wrote since this
	 * request read the session; otherwise from the session itself.
	 * @param request the request
	 * @param name the attribute name
	 * @return the value, or {@code null} when the request has no session, the store no
	 * longer has it (another instance changed its id or invalidated it), or it has no
	 * such attribute
	 */
	public static @Nullable Object storedAttribute(HttpServletRequest request, String name) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		if (isShared(request)) {
			return SpringSession.storedAttribute(request, session.getId(), name);
		}
		return session.getAttribute(name);
	}

	/**
	 * Makes this request leave the shared session store as it is: Spring Session's filter
	 * will not save this request's copy of the session (nor the attributes it changed)
	 * when the request ends. Call it when the copy is stale and the request's answer does
	 * not depend on what it changed. Does nothing for a container's sessions.
	 * @param request the request
	 */
	public static void discardChanges(HttpServletRequest request) {
		if (isShared(request)) {
			request.removeAttribute(CURRENT_SESSION_ATTRIBUTE);
		}
	}

	/** Touches Spring Session's types, loaded only when Spring Session is present. */
	private static final class SpringSession {

		private static boolean hasRepository(HttpServletRequest request) {
			return request.getAttribute(SESSION_REPOSITORY_ATTRIBUTE) instanceof SessionRepository<?>;
		}

		private static @Nullable Object storedAttribute(HttpServletRequest request, String sessionId, String name) {
			Session stored = (request
				.getAttribute(SESSION_REPOSITORY_ATTRIBUTE) instanceof SessionRepository<?> repository)
						? repository.findById(sessionId) : null;
			return (stored != null) ? stored.getAttribute(name) : null;
		}

	}

}
