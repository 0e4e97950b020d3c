package dev.realtime.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class OriginPolicyTests {

	@Test
	void withNoPatternsOnlyTheServersOwnOriginAndNonBrowsersMayConnect() {
		OriginPolicy policy = new OriginPolicy(List.of());
		assertThat(policy.allows(request(null))).isTrue();
		assertThat(policy.allows(request("https://app.example.com"))).isTrue();
		assertThat(policy.allows(request("https://evil.test"))).isFalse();
		assertThat(policy.allows(request("http://app.example.com"))).as("another scheme").isFalse();
	}

	@Test
	void patternsLetMatchingOriginsIn() {
		OriginPolicy policy = new OriginPolicy(List.of("https://*.partner.test"));
		assertThat(policy.allows(request("https://www.partner.test"))).isTrue();
		assertThat(policy.allows(request("https://partner.test.evil.test"))).isFalse();
		assertThat(new OriginPolicy(List.of("*")).allows(request("https://evil.test"))).isTrue();
	}

	private static MockServerHttpRequest request(String origin) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("https://app.example.com/realtime/ws");
		if (origin != null) {
			request.header("Origin", origin);
		}
		return request.build();
	}

}
