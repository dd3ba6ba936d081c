package org.earthchem.export.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.earthchem.export.security.CallerResolver;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The read budget of {@link RequestRates} taken by every {@code GET} of the API but the count (which runs a search
 * and takes a search token) before its controller runs: a poll, a listing, a task's events, a download.
 */
@Configuration(proxyBeanMethods = false)
class ReadRateLimit implements WebMvcConfigurer, HandlerInterceptor {

	private final RequestRates rates;

	private final CallerResolver callers;

	ReadRateLimit(RequestRates rates, CallerResolver callers) {
		this.rates = rates;
		this.callers = callers;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/v1/**").excludePathPatterns("/api/v1/sources/*/count");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (HttpMethod.GET.matches(request.getMethod()) && request.getDispatcherType() == jakarta.servlet.DispatcherType.REQUEST) {
			this.rates.takeRead(this.callers.resolve(request).owner());
		}
		return true;
	}

}
