package com.descope.notp.security.reactive.login;

import com.descope.notp.core.NotpAuthenticationProvider;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * Completes a nOTP login with the stack-neutral {@link NotpAuthenticationProvider} (one
 * blocking call to Descope, then the session JWT's validation) on a bounded scheduler,
 * never on an event loop: one client, one set of rules, one observation set for both
 * stacks.
 */
public final class ServerNotpAuthenticationManager implements ReactiveAuthenticationManager {

	private final NotpAuthenticationProvider provider;

	private final Scheduler scheduler;

	/**
	 * A manager on {@link Schedulers#boundedElastic()}.
	 * @param provider the provider
	 */
	public ServerNotpAuthenticationManager(NotpAuthenticationProvider provider) {
		this(provider, Schedulers.boundedElastic());
	}

	/**
	 * A manager.
	 * @param provider the provider
	 * @param scheduler where the blocking call runs
	 */
	public ServerNotpAuthenticationManager(NotpAuthenticationProvider provider, Scheduler scheduler) {
		Assert.notNull(provider, "provider must not be null");
		Assert.notNull(scheduler, "scheduler must not be null");
		this.provider = provider;
		this.scheduler = scheduler;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		return Mono.fromCallable(() -> this.provider.authenticate(authentication)).subscribeOn(this.scheduler);
	}

}
