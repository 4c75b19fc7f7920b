package com.descope.notp.jwt;

import java.io.IOException;
import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.descope.notp.client.DescopeAvailability;
import com.descope.notp.observation.DescopeObservationContext;
import com.descope.notp.observation.DescopeObservationConvention;
import com.descope.notp.observation.DescopeObservationDocumentation;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Fetches the JWKS with another retriever and tells a {@link DescopeAvailability} whether
 * it answered, so that the JWKS endpoint becoming unreachable is logged once at
 * {@code WARN} and its recovery once at {@code INFO}, whether Nimbus' cache then still
 * serves the last keys (within the outage tolerance) or requests fail with {@code 503}.
 * Each real fetch reports, on whichever thread Nimbus fetches; cached and rate-limited
 * lookups fetch nothing and report nothing. Each fetch is also a
 * {@code descope.jwks.fetch} observation
 * ({@link DescopeObservationDocumentation#JWKS_FETCH}) with its outcome and the kind of
 * failure.
 */
final class AvailabilityReportingResourceRetriever implements ResourceRetriever {

	private static final Pattern HTTP_STATUS = Pattern.compile("\\bHTTP (?:response code: )?(\\d{3})\\b");

	private final ResourceRetriever delegate;

	private final DescopeAvailability availability;

	private final ObservationRegistry observationRegistry;

	private final @Nullable DescopeObservationConvention observationConvention;

	AvailabilityReportingResourceRetriever(ResourceRetriever delegate, DescopeAvailability availability) {
		this(delegate, availability, ObservationRegistry.NOOP, null);
	}

	AvailabilityReportingResourceRetriever(ResourceRetriever delegate, DescopeAvailability availability,
			ObservationRegistry observationRegistry, @Nullable DescopeObservationConvention observationConvention) {
		this.delegate = delegate;
		this.availability = availability;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		DescopeObservationContext context = new DescopeObservationContext(DescopeObservationDocumentation.JWKS_FETCH);
		Observation observation = DescopeObservationDocumentation.JWKS_FETCH
			.create(this.observationConvention, context, this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			Resource resource = this.delegate.retrieveResource(url);
			this.availability.answered();
			context.setOutcome("fetched");
			return resource;
		}
		catch (IOException | RuntimeException ex) {
			String reason = reason(ex);
			this.availability.failed(reason);
			context.setOutcome("failed");
			context.setReason(reason);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The kind of failure: the status of an HTTP error answer (an {@code IOException}
	 * whose message names it as {@code HTTP <status>} or, from the JDK's
	 * {@code HttpURLConnection}, {@code HTTP response code: <status>}), else the
	 * exception's class name; never the rest of a message, which may quote the URL.
	 * @param ex the failure
	 * @return the kind
	 */
	static String reason(Exception ex) {
		Matcher status = (ex.getMessage() != null) ? HTTP_STATUS.matcher(ex.getMessage()) : null;
		return (status != null && status.find()) ? "HTTP " + status.group(1) : ex.getClass().getSimpleName();
	}

}
