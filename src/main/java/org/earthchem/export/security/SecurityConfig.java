package org.earthchem.export.security;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.DispatcherType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.ObjectMapper;

import org.earthchem.export.task.TaskTableProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every {@code /api/v1} route needs an API key ({@code X-API-Key}) or an OAuth2 JWT (when a resource server is
 * configured); the operator routes and metrics need the operator role; health and the console's static files are
 * open. Stateless: no session, no cookie, so no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

	@Bean
	ApiKeys apiKeys(DynamoDbClient dynamoDb, SecurityProperties properties, TaskTableProperties tables) {
		ApiKeys keys = new ApiKeys(dynamoDb, properties.apiKeyTable(), Clock.systemUTC(), properties.apiKeyCacheTtl());
		if (tables.createTables()) {
			keys.createTableIfMissing();
		}
		for (SecurityProperties.DemoKey key : properties.apiKeys()) {
			keys.ensure(key.key(), key.owner(), key.email(), key.sources(), key.operator(), key.metrics());
		}
		return keys;
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys, ObjectMapper json,
			ObjectProvider<JwtDecoder> jwtDecoder, SecurityProperties properties) throws Exception {
		FailedAuthentications failures = new FailedAuthentications(properties.failedAuthentications());
		SecurityProblems problems = new SecurityProblems(json, failures);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.cors((cors) -> {
			})
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.authorizeHttpRequests((requests) -> requests
				// the second dispatch of a streamed download, and error rendering, belong to a request already let in
				.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
				.requestMatchers(HttpMethod.OPTIONS, "/api/v1/**").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				// a metrics key (make apikey METRICS=true) reads the metrics and nothing else
				.requestMatchers("/actuator/prometheus").hasAnyRole(Roles.OPERATOR, Roles.METRICS)
				.requestMatchers("/actuator/**").hasRole(Roles.OPERATOR)
				.requestMatchers("/api/v1/admin/**").hasRole(Roles.OPERATOR)
				.requestMatchers("/api/v1/**").hasRole(Roles.CALLER)
				.requestMatchers("/", "/console", "/console/**", "/favicon.ico", "/error").permitAll()
				// the API's description is public; using the API is not
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
				.anyRequest().denyAll())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// no credential is looked up or verified for an address that sent too many refused ones
			.addFilterBefore(new FailedAuthenticationLimit(failures, keys, json), BearerTokenAuthenticationFilter.class)
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), AnonymousAuthenticationFilter.class)
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
						+ "base-uri 'self'; form-action 'self'"))
				.referrerPolicy((referrer) -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		if (jwtDecoder.getIfAvailable() != null) {
			JwtDecoder decoder = TokenAudiences.required(jwtDecoder.getObject(), properties.jwt().audiences());
			http.oauth2ResourceServer((resourceServer) -> resourceServer
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtCallers(properties.jwt().realm()))));
		}
		return http.build();
	}

	/** Requests the firewall refuses get a problem detail naming what was refused, not the container's bare 400. */
	@Bean
	RequestRejectedHandler rejectedRequests(ObjectMapper json) {
		return new RejectedRequests(json);
	}

	/** Browsers may call the API only from the configured portal origins. */
	@Bean
	CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of("X-API-Key", "Authorization", "Content-Type"));
		cors.setExposedHeaders(List.of("Location", "Retry-After", "Content-Disposition", "Link"));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/v1/**", cors);
		return source;
	}

	/** No user accounts: callers are API keys and tokens (keeps Boot from making a default user). */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}
