package com.descope.notp.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.docs.ObservationDocumentation;
import org.jspecify.annotations.Nullable;

/**
 * The starter's observations: their names and low-cardinality keys. None has a
 * high-cardinality key: a login id, a phone number, a token, a {@code pendingRef} or a
 * user id is never a key value. A key with nothing to say has the value
 * {@value DefaultDescopeObservationConvention#NONE}, so each observation's meters have
 * the same tags every time.
 *
 * <p>
 * The calls to Descope's API are Spring's own {@code http.client.requests} observation of
 * the client's {@code RestClient} (its {@code uri} key value is the endpoint's path,
 * which carries no id), a child of the observation of the operation that made them.
 */
public enum DescopeObservationDocumentation implements ObservationDocumentation {

	/**
	 * A start of a nOTP login ({@code NotpLoginService}). Outcomes: {@code started},
	 * {@code rejected} (reason: {@code sign_in_required}, {@code not_the_users_login_id},
	 * {@code region_not_allowed}), {@code limited} (reason: the rate limit's scope,
	 * {@code address}, {@code number}, {@code global}), {@code failed} (Descope's error
	 * code).
	 */
	LOGIN_START {
		@Override
		public String getName() {
			return "descope.login.start";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OUTCOME, LowCardinalityKeys.ERROR_CODE, LowCardinalityKeys.REASON,
					LowCardinalityKeys.METHOD };
		}
	},

	/**
	 * A poll of a pending login by the browser ({@code NotpAuthenticationFilter}).
	 * Outcomes: {@code completed}, {@code pending} (Descope says the person has not
	 * confirmed), {@code throttled} (polled again within the polling interval, or while
	 * another poll of the flow runs: not asked), {@code unknown_flow} (not this session's
	 * flow, or replayed), {@code already_completed} (answered from the session this flow
	 * signed in), {@code redeemed_elsewhere} (another instance sharing the session
	 * completed it), {@code failed} (Descope's error code), {@code unavailable},
	 * {@code invalid_request}, {@code error}.
	 */
	LOGIN_POLL {
		@Override
		public String getName() {
			return "descope.login.poll";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OUTCOME, LowCardinalityKeys.ERROR_CODE };
		}
	},

	/**
	 * A refresh of a session ({@code DescopeSessionManager}). Outcomes:
	 * {@code refreshed}, {@code refused} (Descope's error code), {@code unavailable}
	 * (Descope's error code, or the HTTP status of an answer without one, or
	 * {@code G020001} when Descope could not be reached).
	 */
	SESSION_REFRESH {
		@Override
		public String getName() {
			return "descope.session.refresh";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OUTCOME, LowCardinalityKeys.ERROR_CODE };
		}
	},

	/**
	 * A logout at Descope ({@code DescopeSessionManager}), scope {@code session} or
	 * {@code all}. Outcomes: {@code logged_out}, {@code refused} (Descope's error code),
	 * {@code unavailable}.
	 */
	SESSION_LOGOUT {
		@Override
		public String getName() {
			return "descope.session.logout";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OUTCOME, LowCardinalityKeys.ERROR_CODE,
					LowCardinalityKeys.SCOPE };
		}
	},

	/**
	 * A validation of a session JWT by the starter's {@code JwtDecoder}. Outcomes:
	 * {@code cached} (a hit in the verified-token cache), {@code verified} (signature and
	 * claims checked), {@code refused} (reason: the refusing exception's simple class
	 * name, such as {@code BadJwtException} or {@code JwtValidationException}),
	 * {@code unavailable} (no key could be had; reason: the exception's class).
	 */
	TOKEN_VALIDATION {
		@Override
		public String getName() {
			return "descope.token.validation";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OUTCOME, LowCardinalityKeys.REASON };
		}
	},

	/**
	 * A fetch of the project's JWKS. Outcomes: {@code fetched}, {@code failed} (reason:
	 * {@code HTTP <status>} or the exception's simple class name).
	 */
	JWKS_FETCH {
		@Override
		public String getName() {
			return "descope.jwks.fetch";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OUTCOME, LowCardinalityKeys.REASON };
		}
	};

	@Override
	public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
		return DefaultDescopeObservationConvention.class;
	}

	/**
	 * An observation of this operation, not started: with the custom convention when one
	 * is given that supports the context, else a {@code GlobalObservationConvention} of
	 * the registry that supports it, else {@link DefaultDescopeObservationConvention}. (A
	 * class that observes two operations takes one custom convention for both; a
	 * convention for one of them, such as a {@link DefaultDescopeObservationConvention}
	 * of it, leaves the other to the registry's or the default.)
	 * @param customConvention the convention given to the observed class, or {@code null}
	 * @param context the context, of this operation
	 * @param registry the registry; {@link ObservationRegistry#NOOP} observes nothing
	 * @return the observation
	 */
	public Observation create(@Nullable DescopeObservationConvention customConvention,
			DescopeObservationContext context, ObservationRegistry registry) {
		DescopeObservationConvention custom = (customConvention != null && customConvention.supportsContext(context))
				? customConvention : null;
		return observation(custom, DefaultDescopeObservationConvention.of(this), () -> context, registry);
	}

	/**
	 * The keys of the starter's observations.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** How the operation ended. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * Descope's error code of a failed call (the HTTP status when its answer had
		 * none).
		 */
		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		},

		/** Why the operation was refused or failed, as a class. */
		REASON {
			@Override
			public String asString() {
				return "reason";
			}
		},

		/**
		 * The nOTP method of a start: {@code signin}, {@code signup}, {@code signup-in}.
		 */
		METHOD {
			@Override
			public String asString() {
				return "method";
			}
		},

		/** What a logout ends: {@code session} or {@code all}. */
		SCOPE {
			@Override
			public String asString() {
				return "scope";
			}
		}

	}

}
