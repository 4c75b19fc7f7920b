package com.descope.notp.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test-only: holds a request of a two-node test at a gate right after its node has read
 * the HTTP session from Redis, until the test opens the gate, so that a test orders what
 * two nodes do with one session (one node reads the session, the other changes it, then
 * the first goes on with what it read) instead of hoping for the overlap. A request names
 * its gate in the {@value #HEADER} header; requests without it pass straight through. The
 * gates are shared by every node in the JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RequestGates {

	/** The request header naming the gate a request waits at. */
	static final String HEADER = "X-Test-Gate";

	private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

	/**
	 * Waits until a request has reached the named gate (and so has read its session).
	 * @param name the gate
	 * @throws InterruptedException if interrupted
	 */
	static void awaitArrival(String name) throws InterruptedException {
		if (!gate(name).arrived.await(20, TimeUnit.SECONDS)) {
			throw new IllegalStateException("no request reached gate " + name);
		}
	}

	/**
	 * Lets the request at the named gate go on, and forgets the gate.
	 * @param name the gate
	 */
	static void open(String name) {
		gate(name).opened.countDown();
		GATES.remove(name);
	}

	private static Gate gate(String name) {
		return GATES.computeIfAbsent(name, (key) -> new Gate());
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> requestGate() {
		OncePerRequestFilter filter = new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String name = request.getHeader(HEADER);
				if (name != null) {
					request.getSession(false);
					Gate gate = gate(name);
					gate.arrived.countDown();
					try {
						if (!gate.opened.await(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS)) {
							throw new IllegalStateException("gate " + name + " never opened");
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException(ex);
					}
				}
				chain.doFilter(request, response);
			}

		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		// inside Spring Session's filter (which reads the session), before Spring
		// Security
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	private static final class Gate {

		private final CountDownLatch arrived = new CountDownLatch(1);

		private final CountDownLatch opened = new CountDownLatch(1);

	}

}
