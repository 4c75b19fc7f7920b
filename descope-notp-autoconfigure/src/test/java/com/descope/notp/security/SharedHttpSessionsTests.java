package com.descope.notp.security;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.HeaderHttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SharedHttpSessions} under a real Spring Session filter (on a map repository
 * standing for Redis) and on a container's session: under Spring Session an attribute is
 * read again from the store, with another instance's write, and a request that discards
 * its changes leaves the store as it was; a container's session is read as it is.
 */
class SharedHttpSessionsTests {

	private final MapSessionRepository store = new MapSessionRepository(new ConcurrentHashMap<>());

	private final SessionRepositoryFilter<MapSession> springSession = new SessionRepositoryFilter<>(this.store);

	SharedHttpSessionsTests() {
		this.springSession.setHttpSessionIdResolver(HeaderHttpSessionIdResolver.xAuthToken());
	}

	@Test
	void storedAttributeWhenAnotherInstanceChangedTheSessionThenTheStoresValueWhileTheCopyKeepsItsOwn()
			throws Exception {
		String id = sessionWith("color", "red");
		Object[] seen = new Object[3];

		inSession(id, (request) -> {
			seen[0] = SharedHttpSessions.isShared(request);
			request.getSession();
			// another instance writes while this request holds its copy
			Session elsewhere = this.store.findById(id);
			elsewhere.setAttribute("color", "blue");
			this.store.save((MapSession) elsewhere);
			seen[1] = request.getSession().getAttribute("color");
			seen[2] = SharedHttpSessions.storedAttribute(request, "color");
		});

		assertThat(seen).containsExactly(true, "red", "blue");
	}

	@Test
	void discardChangesWhenCalledThenTheRequestsCopyIsNotSaved() throws Exception {
		String id = sessionWith("color", "red");

		inSession(id, (request) -> {
			request.getSession().setAttribute("color", "green");
			SharedHttpSessions.discardChanges(request);
		});

		assertThat((Object) this.store.findById(id).getAttribute("color")).isEqualTo("red");
	}

	@Test
	void storedAttributeWhenTheSessionIsGoneFromTheStoreThenNull() throws Exception {
		String id = sessionWith("color", "red");
		Object[] seen = new Object[1];

		inSession(id, (request) -> {
			this.store.deleteById(id);
			seen[0] = SharedHttpSessions.storedAttribute(request, "color");
			SharedHttpSessions.discardChanges(request);
		});

		assertThat(seen[0]).isNull();
	}

	@Test
	void whenTheContainersOwnSessionThenNotSharedReadAsItIsAndNothingDiscarded() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("color", "red");
		request.setSession(session);

		SharedHttpSessions.discardChanges(request);

		assertThat(SharedHttpSessions.isShared(request)).isFalse();
		assertThat(SharedHttpSessions.storedAttribute(request, "color")).isEqualTo("red");
		assertThat(SharedHttpSessions.storedAttribute(new MockHttpServletRequest(), "color")).isNull();
	}

	private String sessionWith(String name, String value) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.springSession.doFilter(new MockHttpServletRequest(), response,
				(request, ignored) -> ((HttpServletRequest) request).getSession().setAttribute(name, value));
		return response.getHeader("X-Auth-Token");
	}

	private void inSession(String id, RequestAction action) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Auth-Token", id);
		this.springSession.doFilter(request, new MockHttpServletResponse(),
				(wrapped, ignored) -> action.run((HttpServletRequest) wrapped));
	}

	@FunctionalInterface
	private interface RequestAction {

		void run(HttpServletRequest request);

	}

}
