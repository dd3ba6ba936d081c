package org.earthchem.export.source;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the search cluster is.
 *
 * @param url base URL of the cluster ({@code OPENSEARCH_URL})
 * @param username basic-auth user, if the cluster needs one ({@code OPENSEARCH_USERNAME})
 * @param password basic-auth password ({@code OPENSEARCH_PASSWORD}; from the environment only)
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for one response (a page of an export)
 */
@Validated
@ConfigurationProperties("export.opensearch")
public record OpenSearchProperties(@NotNull @DefaultValue("http://localhost:9200") URI url, String username,
		String password, @NotNull @DefaultValue("2s") Duration connectTimeout,
		@NotNull @DefaultValue("60s") Duration responseTimeout) {

	/** Never the password: these properties end up in logs and failure reports. */
	@Override
	public String toString() {
		return "OpenSearchProperties[url=" + this.url + ", username=" + this.username + ", password="
				+ ((this.password == null || this.password.isEmpty()) ? "(none)" : "******") + ", connectTimeout="
				+ this.connectTimeout + ", responseTimeout=" + this.responseTimeout + "]";
	}

}
