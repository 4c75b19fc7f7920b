package com.descope.notp.sample;

import com.descope.notp.core.DescopeFactors;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.limits.InMemoryKeyedRateLimiter;
import com.descope.notp.security.login.CookiePendingFlowRepository;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.security.login.PendingFlowRepository;
import com.descope.notp.security.session.CookieDescopeTokenRepository;
import com.descope.notp.security.session.DescopeSessionTokenFilter;
import com.descope.notp.test.MovableClock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test-only: runs an application on one {@link MovableClock}, which follows the system
 * time until a test moves it, wherever the starter takes a clock from outside: the
 * pending-flow repository of the HTTP-session mode and the factors are beans of their own
 * on it (the cookie mode's repository, made by the auto-configuration, gets it through
 * its {@code setClock}); the start filter (which dates flows), the session-token filter
 * (which judges a stored session JWT's expiry), the cookie token repository and the
 * session manager and the start limits' in-memory counter get it through their
 * {@code setClock}, as the security chain post-processes its filters and as beans are
 * initialized. The login success handler (made inside the configurer) stays on the system
 * clock, and the session-token decoder and the Descope emulator on theirs unless a test
 * puts them on this one.
 * <p>
 * A source of every {@link Deployment} application; {@code @Import} it elsewhere. Reset
 * the clock after moving it when the application outlives the test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApplicationClockConfiguration {

	@Bean
	MovableClock applicationClock() {
		return MovableClock.followingSystemTime();
	}

	@Bean
	static BeanPostProcessor applicationClockSetter(ObjectProvider<MovableClock> clock) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof NotpLoginService service) {
					service.setClock(clock.getObject());
				}
				else if (bean instanceof DescopeSessionTokenFilter filter) {
					filter.setClock(clock.getObject());
				}
				else if (bean instanceof CookieDescopeTokenRepository repository) {
					repository.setClock(clock.getObject());
				}
				else if (bean instanceof DescopeSessionManager manager) {
					manager.setClock(clock.getObject());
				}
				else if (bean instanceof CookiePendingFlowRepository repository) {
					repository.setClock(clock.getObject());
				}
				else if (bean instanceof InMemoryKeyedRateLimiter limiter) {
					limiter.setClock(clock.getObject());
				}
				return bean;
			}

		};
	}

	// the HTTP session's repository: the servlet stack's only
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnProperty(name = "descope.notp.pending-flows", havingValue = "session", matchIfMissing = true)
	PendingFlowRepository pendingFlowRepository(NotpLoginSettings settings, MovableClock clock) {
		return new HttpSessionPendingFlowRepository(settings.maxFlowsPerSession(), settings.pollingInterval(), clock);
	}

	@Bean
	DescopeFactors descopeFactors(MovableClock clock) {
		return new DescopeFactors(clock);
	}

}
