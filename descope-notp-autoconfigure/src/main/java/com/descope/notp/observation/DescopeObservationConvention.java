package com.descope.notp.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of the starter's observations. Implement it to change them, and
 * give it to the observed class ({@code setObservationConvention}) or register it with
 * the {@code ObservationRegistry} as a {@code GlobalObservationConvention} (a Spring Boot
 * application declares it as a bean); {@link DescopeObservationContext#getOperation()}
 * tells which operation a context belongs to.
 */
public interface DescopeObservationConvention extends ObservationConvention<DescopeObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof DescopeObservationContext;
	}

}
