package com.descope.notp.observation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The default convention of each of the starter's observations: the name and keys
 * {@link DescopeObservationDocumentation} gives, every key present (with {@value #NONE}
 * when the context has nothing for it) and no high-cardinality key. Extend it to add key
 * values of your own.
 */
public class DefaultDescopeObservationConvention implements DescopeObservationConvention {

	/** The value of a key the context has nothing for. */
	public static final String NONE = "none";

	/** The value of an error code that does not look like one of Descope's. */
	public static final String OTHER = "other";

	private static final int MAX_ERROR_CODE_LENGTH = 12;

	private static final Map<DescopeObservationDocumentation, DefaultDescopeObservationConvention> DEFAULTS = defaults();

	private final DescopeObservationDocumentation operation;

	/**
	 * The default convention of one operation.
	 * @param operation the operation
	 */
	public DefaultDescopeObservationConvention(DescopeObservationDocumentation operation) {
		this.operation = operation;
	}

	/**
	 * The shared default convention of an operation.
	 * @param operation the operation
	 * @return its default convention
	 */
	public static DefaultDescopeObservationConvention of(DescopeObservationDocumentation operation) {
		return DEFAULTS.get(operation);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof DescopeObservationContext descope && descope.getOperation() == this.operation;
	}

	@Override
	public String getName() {
		return this.operation.getName();
	}

	@Override
	public String getContextualName(DescopeObservationContext context) {
		return this.operation.getName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DescopeObservationContext context) {
		List<KeyValue> values = new ArrayList<>();
		for (KeyName key : this.operation.getLowCardinalityKeyNames()) {
			values.add(KeyValue.of(key.asString(), valueOf(key, context)));
		}
		return KeyValues.of(values);
	}

	private static String valueOf(KeyName key, DescopeObservationContext context) {
		if (!(key instanceof DescopeObservationDocumentation.LowCardinalityKeys known)) {
			return NONE;
		}
		return orNone(switch (known) {
			case OUTCOME -> context.getOutcome();
			case ERROR_CODE -> errorCode(context.getErrorCode());
			case REASON -> context.getReason();
			case METHOD, SCOPE -> context.getKind();
		});
	}

	/**
	 * Descope's error code as it is when it looks like one (letters and digits, at most
	 * {@value #MAX_ERROR_CODE_LENGTH}), else {@value #OTHER}: a key value must stay one
	 * of few, whatever an answer holds.
	 * @param code the code, or {@code null}
	 * @return the key value
	 */
	private static @Nullable String errorCode(@Nullable String code) {
		if (code == null || code.isEmpty()) {
			return null;
		}
		return (code.length() <= MAX_ERROR_CODE_LENGTH && code.chars().allMatch(Character::isLetterOrDigit)
				&& code.chars().allMatch((c) -> c < 128)) ? code : OTHER;
	}

	private static String orNone(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : NONE;
	}

	private static Map<DescopeObservationDocumentation, DefaultDescopeObservationConvention> defaults() {
		Map<DescopeObservationDocumentation, DefaultDescopeObservationConvention> defaults = new EnumMap<>(
				DescopeObservationDocumentation.class);
		for (DescopeObservationDocumentation operation : DescopeObservationDocumentation.values()) {
			defaults.put(operation, new DefaultDescopeObservationConvention(operation));
		}
		return defaults;
	}

}
