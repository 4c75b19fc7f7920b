package com.descope.notp.test.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code descope.project-id} is not set (or blank).
 */
final class NoDescopeProjectCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty("descope.project-id"))
				? ConditionOutcome.noMatch("descope.project-id is set")
				: ConditionOutcome.match("descope.project-id is not set");
	}

}
