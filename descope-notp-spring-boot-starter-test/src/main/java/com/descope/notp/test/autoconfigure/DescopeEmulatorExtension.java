package com.descope.notp.test.autoconfigure;

import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives test methods of a {@link DescopeEmulatorTest} class their application's
 * {@link DescopeEmulator} as a parameter.
 */
final class DescopeEmulatorExtension implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == DescopeEmulator.class
				&& !parameterContext.isAnnotated(Autowired.class);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return SpringExtension.getApplicationContext(extensionContext).getBean(DescopeEmulator.class);
	}

}
