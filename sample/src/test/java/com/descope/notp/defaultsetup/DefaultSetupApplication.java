package com.descope.notp.defaultsetup;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A new application on the starter as its README starts one: no
 * {@code SecurityFilterChain} of its own (so the starter's default chain serves the
 * login), no {@code @EnableMethodSecurity}, and no page at its root. It lives outside the
 * sample's package so that neither application scans the other.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class DefaultSetupApplication {

}
