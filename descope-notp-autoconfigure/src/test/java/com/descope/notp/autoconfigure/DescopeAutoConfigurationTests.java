package com.descope.notp.autoconfigure;

import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.jwt.CachingJwtDecoder;
import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;
import com.descope.notp.jwt.SizeLimitedJwtDecoder;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.security.login.PendingFlowRepository;
import com.descope.notp.security.session.CookieDescopeTokenRepository;
import com.descope.notp.security.session.DescopeTokenRepository;
import com.descope.notp.security.session.DescopeUserService;
import com.descope.notp.security.session.HttpSessionDescopeTokenRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the starter's auto-configurations ({@link DescopeClientAutoConfiguration},
 * {@link DescopeJwtAutoConfiguration}, {@link DescopeSecurityAutoConfiguration},
 * {@link DescopeWebSecurityAutoConfiguration}) together with Spring Boot's security
 * auto-configurations: what each provides, when each backs off, and that a bad setting
 * fails the start-up naming the property.
 */
class DescopeAutoConfigurationTests {

	private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	private static final String PACKAGE = DescopeProperties.class.getPackageName();

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
			DescopeClientAutoConfiguration.class, DescopeJwtAutoConfiguration.class,
			DescopeSecurityAutoConfiguration.class, DescopeWebSecurityAutoConfiguration.class,
			ServletWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
			UserDetailsServiceAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AUTO_CONFIGURATIONS);

	private final WebApplicationContextRunner configuredRunner = this.contextRunner
		.withPropertyValues("descope.project-id=" + PROJECT_ID, "descope.base-url=http://127.0.0.1:9/");

	@Test
	void autoConfigurationWhenProjectIdAndBaseUrlSetThenProvidesClientDecoderAndLogin() {
		this.configuredRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(DescopeClient.class)
				.hasSingleBean(JwtDecoder.class)
				.hasSingleBean(NotpAuthenticationProvider.class)
				.hasSingleBean(PendingFlowRepository.class)
				.hasSingleBean(DescopeTokenRepository.class)
				.hasSingleBean(NotpLoginSettings.class)
				.hasSingleBean(DescopeGrantedAuthoritiesConverter.class)
				.hasSingleBean(DescopeJwtAuthenticationConverter.class)
				.hasSingleBean(SecurityFilterChain.class)
				.hasBean("descopeSecurityFilterChain")
				.doesNotHaveBean(UserDetailsService.class);
			assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(SizeLimitedJwtDecoder.class);
			DescopeClient client = context.getBean(DescopeClient.class);
			assertThat(client.getProjectId()).isEqualTo(PROJECT_ID);
			assertThat(client.getBaseUrl()).isEqualTo("http://127.0.0.1:9");
			assertThat(client.getJwksUri()).isEqualTo("http://127.0.0.1:9/v2/keys/" + PROJECT_ID);
			assertThat(context.getBean(NotpLoginSettings.class)).isEqualTo(NotpLoginSettings.DEFAULTS);
		});
	}

	@Test
	void autoConfigurationWhenInMemoryUserConfiguredThenStillNoUserDetailsService() {
		this.configuredRunner.withPropertyValues("spring.security.user.name=alice")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UserDetailsService.class));
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class,
					SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
			.withPropertyValues("spring.security.user.name=alice")
			.run((context) -> assertThat(context).hasSingleBean(UserDetailsService.class));
	}

	@Test
	void autoConfigurationWhenNotpPropertiesSetThenSettingsBound() {
		this.configuredRunner
			.withPropertyValues("descope.notp.polling-interval=2s", "descope.notp.timeout=5m",
					"descope.notp.default-method=sign-in", "descope.notp.default-region=US",
					"descope.notp.max-flows-per-session=3", "descope.notp.default-success-url=/home?tab=1")
			.run((context) -> {
				NotpLoginSettings settings = context.getBean(NotpLoginSettings.class);
				assertThat(settings.pollingInterval()).hasSeconds(2);
				assertThat(settings.flowTimeout()).hasMinutes(5);
				assertThat(settings.defaultMethod().value()).isEqualTo("sign-in");
				assertThat(settings.defaultRegion()).isEqualTo("US");
				assertThat(settings.maxFlowsPerSession()).isEqualTo(3);
				assertThat(settings.defaultSuccessUrl()).isEqualTo("/home?tab=1");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "home", "//evil.example/", "https://evil.example/", "/\\evil.example",
			"/%2F%2Fevil.example", "javascript:alert(1)", "/home page", "" })
	void autoConfigurationWhenDefaultSuccessUrlIsNotAPathOfThisApplicationThenFailsNamingTheProperty(String url) {
		this.configuredRunner.withPropertyValues("descope.notp.default-success-url=" + url).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("descope.notp.default-success-url")
				.hasMessageContaining("relative to its context path");
		});
	}

	@Test
	void descopeClientWhenUserDefinesOneThenBacksOff() {
		this.configuredRunner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DescopeClient.class).hasBean("userDescopeClient");
			assertThat(context.getBean(DescopeClient.class).getProjectId()).isEqualTo("PuserProject");
			assertThat(context).hasSingleBean(JwtDecoder.class).hasSingleBean(NotpAuthenticationProvider.class);
		});
	}

	@Test
	void jwtDecoderWhenUserDefinesOneThenBacksOff() {
		this.configuredRunner.withUserConfiguration(UserJwtDecoderConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(JwtDecoder.class).hasBean("userJwtDecoder");
			assertThat(context).doesNotHaveBean(SizeLimitedJwtDecoder.class);
			assertThat(context).hasSingleBean(NotpAuthenticationProvider.class);
		});
	}

	@Test
	void notpAuthenticationProviderWhenUserDefinesOneThenBacksOff() {
		this.configuredRunner.withUserConfiguration(UserAuthenticationProviderConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(NotpAuthenticationProvider.class)
				.hasBean("userNotpAuthenticationProvider"));
	}

	@Test
	void repositoriesWhenUserDefinesThemThenBackOff() {
		this.configuredRunner.withUserConfiguration(UserRepositoriesConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(PendingFlowRepository.class)
				.hasBean("userPendingFlowRepository")
				.hasSingleBean(DescopeTokenRepository.class)
				.hasBean("userTokenRepository"));
	}

	@Test
	void convertersAndSettingsWhenUserDefinesThemThenBackOff() {
		this.configuredRunner.withUserConfiguration(UserConvertersConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(DescopeGrantedAuthoritiesConverter.class)
				.hasBean("userAuthoritiesConverter")
				.hasSingleBean(DescopeJwtAuthenticationConverter.class)
				.hasBean("userAuthenticationConverter")
				.hasSingleBean(NotpLoginSettings.class)
				.hasBean("userNotpLoginSettings"));
	}

	@Test
	void securityFilterChainWhenUserDefinesOneThenOursNotCreated() {
		this.configuredRunner.withUserConfiguration(UserSecurityFilterChainConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SecurityFilterChain.class)
				.hasBean("userSecurityFilterChain")
				.doesNotHaveBean("descopeSecurityFilterChain");
			assertThat(context).hasSingleBean(NotpAuthenticationProvider.class)
				.hasSingleBean(PendingFlowRepository.class);
		});
	}

	@Test
	void autoConfigurationWhenProjectIdMissingThenFailsWithAnalyzableFailure() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().rootCause().isInstanceOf(DescopeProjectIdMissingException.class);
			FailureAnalysis analysis = new DescopeProjectIdMissingFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("descope.project-id");
			assertThat(analysis.getAction()).contains("Set descope.project-id")
				.contains("DESCOPE_PROJECT_ID")
				.contains("descope-notp-dev-emulator")
				.contains("@DescopeEmulatorTest");
			assertThat(analysis.getCause()).isInstanceOf(DescopeProjectIdMissingException.class);
		});
	}

	@Test
	void failureAnalyzerWhenLoadedFromSpringFactoriesThenIncludesOurs() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, (factoryType, factoryImplementationName, failure) -> {
				// analyzers that need constructor arguments are not ours
			});

		assertThat(analyzers).hasAtLeastOneElementOfType(DescopeProjectIdMissingFailureAnalyzer.class);
	}

	@Test
	void autoConfigurationWhenProjectIdMalformedThenFailsWithoutEchoingIt() {
		this.contextRunner.withPropertyValues("descope.project-id=P2aAc4T2V93bd:secret").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("descope.project-id")
				.hasMessageNotContaining("secret");
		});
	}

	@Test
	void autoConfigurationWhenDefaultMethodInvalidThenFails() {
		this.configuredRunner.withPropertyValues("descope.notp.default-method=sign-sideways").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("descope.notp.default-method");
		});
	}

	@Test
	void autoConfigurationWhenPollingIntervalOrTimeoutOutOfRangeThenFails() {
		this.configuredRunner.withPropertyValues("descope.notp.polling-interval=500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("descope.notp.polling-interval"));
		this.configuredRunner.withPropertyValues("descope.notp.timeout=11m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("descope.notp.timeout"));
	}

	@Test
	void autoConfigurationWhenBaseUrlAbsentThenDerivedFromRegionalProjectId() {
		this.contextRunner.withPropertyValues("descope.project-id=Puse12aAc4T2V93bddihGEx2Ryhc8e5Z").run((context) -> {
			DescopeClient client = context.getBean(DescopeClient.class);
			assertThat(client.getBaseUrl()).isEqualTo("https://api.use1.descope.com");
			assertThat(client.getJwksUri())
				.isEqualTo("https://api.use1.descope.com/v2/keys/Puse12aAc4T2V93bddihGEx2Ryhc8e5Z");
		});
		this.contextRunner.withPropertyValues("descope.project-id=" + PROJECT_ID)
			.run((context) -> assertThat(context.getBean(DescopeClient.class).getBaseUrl())
				.isEqualTo("https://api.descope.com"));
	}

	@Test
	void autoConfigurationWhenNotAWebApplicationThenClientAndDecoderOnly() {
		new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues("descope.project-id=" + PROJECT_ID, "descope.base-url=http://127.0.0.1:9")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(DescopeClient.class)
					.hasSingleBean(JwtDecoder.class)
					.hasSingleBean(DescopeJwtAuthenticationConverter.class)
					.doesNotHaveBean(NotpAuthenticationProvider.class)
					.doesNotHaveBean(PendingFlowRepository.class)
					.doesNotHaveBean(DescopeTokenRepository.class)
					.doesNotHaveBean(NotpLoginSettings.class)
					.doesNotHaveBean(SecurityFilterChain.class);
			});
	}

	@Test
	void autoConfigurationImportsListsTheStartersAutoConfigurations() {
		List<String> candidates = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);

		assertThat(candidates).contains(DescopeClientAutoConfiguration.class.getName(),
				DescopeJwtAutoConfiguration.class.getName(), DescopeSecurityAutoConfiguration.class.getName(),
				DescopeWebSecurityAutoConfiguration.class.getName(),
				DescopeMethodSecurityAutoConfiguration.class.getName(),
				DescopeSpringSessionAutoConfiguration.class.getName(),
				DescopeHealthContributorAutoConfiguration.class.getName());
	}

	@Test
	void autoConfigurationsWhenListedThenPublicFinalAndWhatTheyImportIsPackagePrivate() {
		List<Class<?>> autoConfigurations = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.forEach((name) -> autoConfigurations.add(ClassUtils.resolveClassName(name, null)));

		assertThat(autoConfigurations).filteredOn((type) -> type.getPackageName().equals(PACKAGE))
			.hasSize(7)
			.allSatisfy((type) -> {
				assertThat(Modifier.isPublic(type.getModifiers()) && Modifier.isFinal(type.getModifiers()))
					.as("%s is public final", type.getSimpleName())
					.isTrue();
				Import imports = type.getAnnotation(Import.class);
				for (Class<?> imported : (imports != null) ? imports.value() : new Class<?>[0]) {
					assertThat(Modifier.isPublic(imported.getModifiers())
							|| Modifier.isPublic(imported.getEnclosingClass().getModifiers()))
						.as("%s is package-private", imported.getName())
						.isFalse();
				}
			});
	}

	@Test
	void autoConfigurationWhenNothingSetThenEachComponentGetsItsOwnDefaults() {
		this.configuredRunner.run((context) -> {
			DescopeProperties properties = context.getBean(DescopeProperties.class);
			assertThat(context.getBean(NotpLoginSettings.class)).isEqualTo(NotpLoginSettings.DEFAULTS);
			assertThat(context.getBean(DescopeSessionSettings.class)).isEqualTo(DescopeSessionSettings.DEFAULTS);
			assertThat(context.getBean(DescopeCookieSettings.class)).isEqualTo(DescopeCookieSettings.DEFAULTS);
			assertThat(properties.getNotp().getProvider()).isEqualTo(DescopeClient.DEFAULT_PROVIDER);
			assertThat(properties.getHttp().getRetryBackoff()).isEqualTo(DescopeClient.DEFAULT_RETRY_BACKOFF);
			assertThat(properties.getJwt().getVerifiedTokenCacheSize())
				.isEqualTo(CachingJwtDecoder.DEFAULT_MAXIMUM_SIZE);
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			descope.notp.default-method       | sign-sideways
			descope.notp.polling-interval     | 999ms
			descope.notp.timeout              | 0s
			descope.notp.timeout              | 11m
			descope.notp.max-flows-per-session | 0
			descope.refresh-threshold         | -1s
			descope.cookie.same-site          | sideways
			descope.cookie.session-name       | D;S
			descope.cookie.refresh-name       | DS
			descope.base-static-url           | static.example.test
			descope.base-cdn-url              | ftp://cdn.example.test
			descope.jwt.algorithms            | HS256
			descope.jwt.algorithms            | RS256,none
			""")
	void autoConfigurationWhenASettingIsOutOfRangeThenFailsNamingTheProperty(String property, String value) {
		this.configuredRunner.withPropertyValues(property + "=" + value)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property));
	}

	@Test
	void jwtDecoderWhenThereIsNoClientThenOnlyTheConverters() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DescopeJwtAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(JwtDecoder.class)
				.hasSingleBean(DescopeGrantedAuthoritiesConverter.class)
				.hasSingleBean(DescopeJwtAuthenticationConverter.class));
	}

	@Test
	void defaultChainWhenTheLoginIsNotSetUpThenSpringBootsOwnDefaultChainStays() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DescopeWebSecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
					UserDetailsServiceAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SecurityFilterChain.class)
				.hasBean("defaultSecurityFilterChain")
				.doesNotHaveBean("descopeSecurityFilterChain"));
	}

	@Test
	void defaultChainWhenTheApplicationProvidesItsOwnProviderThenTheStartersChainStill() {
		this.configuredRunner.withUserConfiguration(UserAuthenticationProviderConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SecurityFilterChain.class)
				.hasBean("descopeSecurityFilterChain"));
	}

	@Test
	void tokenRepositoryWhenFlagsSetThenStorageModeFollowsThem() {
		this.configuredRunner.run((context) -> assertThat(context.getBean(DescopeTokenRepository.class).storage())
			.isEqualTo(DescopeTokenStorage.HTTP_SESSION));
		this.configuredRunner.withPropertyValues("descope.session-token-via-cookie=true")
			.run((context) -> assertThat(context.getBean(DescopeTokenRepository.class))
				.isInstanceOf(CookieDescopeTokenRepository.class));
		this.configuredRunner
			.withPropertyValues("descope.persist-tokens=false", "descope.session-token-via-cookie=true")
			.run((context) -> assertThat(context.getBean(DescopeTokenRepository.class).storage())
				.isEqualTo(DescopeTokenStorage.NONE));
	}

	@Test
	void sessionAndCookieSettingsWhenPropertiesSetThenBound() {
		this.configuredRunner.withPropertyValues("descope.auto-refresh=false", "descope.refresh-threshold=45s",
				"descope.store-last-authenticated-user=false", "descope.keep-last-authenticated-user-after-logout=true",
				"descope.cookie.same-site=strict", "descope.cookie.session-http-only=false",
				"descope.cookie.secure=false", "descope.cookie.domain=example.com")
			.run((context) -> {
				assertThat(context.getBean(DescopeSessionSettings.class))
					.isEqualTo(new DescopeSessionSettings(false, java.time.Duration.ofSeconds(45), false, true));
				assertThat(context.getBean(DescopeCookieSettings.class))
					.isEqualTo(new DescopeCookieSettings("DS", "DSR", "Strict", false, false, "example.com"));
				assertThat(context).hasSingleBean(DescopeSessionManager.class)
					.hasSingleBean(DescopeUserService.class)
					.hasBean("descopeFactors");
			});
	}

	@Test
	void cookieSettingsWhenSameSiteUnknownThenFails() {
		this.configuredRunner.withPropertyValues("descope.cookie.same-site=sideways")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean(destroyMethod = "close")
		DescopeClient userDescopeClient() {
			return DescopeClient.builder("PuserProject").baseUrl("http://127.0.0.1:9").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserJwtDecoderConfiguration {

		@Bean
		JwtDecoder userJwtDecoder() {
			return (token) -> {
				throw new BadJwtException("no tokens here");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAuthenticationProviderConfiguration {

		@Bean
		NotpAuthenticationProvider userNotpAuthenticationProvider(DescopeClient client, JwtDecoder decoder) {
			return new NotpAuthenticationProvider(client, decoder, new DescopeJwtAuthenticationConverter());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRepositoriesConfiguration {

		@Bean
		PendingFlowRepository userPendingFlowRepository() {
			return new HttpSessionPendingFlowRepository(1, Clock.systemUTC());
		}

		@Bean
		DescopeTokenRepository userTokenRepository() {
			return new HttpSessionDescopeTokenRepository();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConvertersConfiguration {

		@Bean
		DescopeGrantedAuthoritiesConverter userAuthoritiesConverter() {
			DescopeGrantedAuthoritiesConverter converter = new DescopeGrantedAuthoritiesConverter();
			converter.setRolePrefix("");
			return converter;
		}

		@Bean
		DescopeJwtAuthenticationConverter userAuthenticationConverter() {
			return new DescopeJwtAuthenticationConverter();
		}

		@Bean
		NotpLoginSettings userNotpLoginSettings() {
			return NotpLoginSettings.DEFAULTS;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSecurityFilterChainConfiguration {

		@Bean
		SecurityFilterChain userSecurityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}

	}

}
