package dev.realtime.autoconfigure;

import java.util.List;

import dev.realtime.RealtimeHub;
import dev.realtime.broker.Broker;
import dev.realtime.broker.HistoryLimits;
import dev.realtime.broker.LocalBroker;
import dev.realtime.hub.DefaultRealtimeHub;
import dev.realtime.hub.HubSettings;
import dev.realtime.hub.JoinLeaveEvents;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.presence.InMemoryPresenceStore;
import dev.realtime.presence.PresenceStore;
import dev.realtime.protocol.ProtocolCodec;
import dev.realtime.security.ClientAddressLimits;
import dev.realtime.security.ConcurrentHandshakes;
import dev.realtime.security.ConnectionLimits;
import dev.realtime.security.HandshakeAuthenticator;
import dev.realtime.security.HandshakeGuard;
import dev.realtime.security.JwtTokenVerifier;
import dev.realtime.security.LimitCounters;
import dev.realtime.security.OriginPolicy;
import dev.realtime.security.RealtimeAuthenticator;
import dev.realtime.security.RoomAuthorizer;
import dev.realtime.security.RoomNamePolicy;
import dev.realtime.security.RoomPattern;
import dev.realtime.security.RoomRule;
import dev.realtime.security.RuleRoomAuthorizer;
import dev.realtime.security.SpringSecurityPrincipals;
import dev.realtime.security.TokenVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the realtime hub: its broker (which owns each room's stream and
 * history), presence store, protocol codec, and what guards
 * it: handshake authentication (by Spring Security, a {@link TokenVerifier} or a
 * {@link ReactiveJwtDecoder}), origin, client address and connection limits, room
 * authorization, and the counters of every limit. Every bean backs off when the application
 * declares its own.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "realtime.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RealtimeProperties.class)
public final class RealtimeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProtocolCodec realtimeProtocolCodec(ObjectProvider<JsonMapper> jsonMapper, RealtimeProperties properties) {
		return new ProtocolCodec(jsonMapper(jsonMapper), properties.getLimits().getMaxJsonDepth());
	}

	@Bean
	@ConditionalOnMissingBean(Broker.class)
	LocalBroker realtimeBroker(RealtimeProperties properties) {
		RealtimeProperties.History history = properties.getHistory();
		return new LocalBroker(new HistoryLimits(history.getSize(), history.getTtl(),
				history.getMaxRoomSize().toBytes(), history.getMaxTotalSize().toBytes()));
	}

	@Bean
	@ConditionalOnMissingBean(PresenceStore.class)
	InMemoryPresenceStore realtimePresenceStore() {
		return new InMemoryPresenceStore();
	}

	@Bean
	@ConditionalOnMissingBean
	RoomNamePolicy realtimeRoomNamePolicy(RealtimeProperties properties) {
		RealtimeProperties.Rooms rooms = properties.getRooms();
		return new RoomNamePolicy(rooms.getNamePattern(), rooms.getMaxNameLength());
	}

	@Bean
	@ConditionalOnMissingBean
	RoomAuthorizer realtimeRoomAuthorizer(RealtimeProperties properties) {
		return new RuleRoomAuthorizer(properties.getSecurity()
			.getRoomRules()
			.stream()
			.map((rule) -> new RoomRule(new RoomPattern(rule.getPattern()), rule.getSubscribe(), rule.getPublish()))
			.toList());
	}

	@Bean
	@ConditionalOnMissingBean
	LimitCounters realtimeLimitCounters() {
		return new LimitCounters();
	}

	@Bean
	@ConditionalOnMissingBean
	OriginPolicy realtimeOriginPolicy(RealtimeProperties properties) {
		return new OriginPolicy(properties.getSecurity().getAllowedOrigins());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionLimits realtimeConnectionLimits(RealtimeProperties properties, LimitCounters counters) {
		RealtimeProperties.Limits limits = properties.getLimits();
		return new ConnectionLimits(limits.getMaxConnections(), limits.getMaxConnectionsPerUser(), counters);
	}

	@Bean
	@ConditionalOnMissingBean
	ClientAddressLimits realtimeClientAddressLimits(RealtimeProperties properties, LimitCounters counters) {
		RealtimeProperties.Limits limits = properties.getLimits();
		return new ClientAddressLimits(limits.getHandshakesPerSecondPerAddress(), limits.getHandshakeBurstPerAddress(),
				limits.getMaxConnectionsPerAddress(), counters);
	}

	@Bean
	@ConditionalOnMissingBean
	ConcurrentHandshakes realtimeConcurrentHandshakes(RealtimeProperties properties, LimitCounters counters) {
		return new ConcurrentHandshakes(properties.getLimits().getMaxConcurrentHandshakes(), counters);
	}

	@Bean
	@ConditionalOnMissingBean
	HandshakeGuard realtimeHandshakeGuard(OriginPolicy origins, RealtimeAuthenticator authenticator,
			ConnectionLimits limits, ClientAddressLimits addressLimits, ConcurrentHandshakes concurrent,
			LimitCounters counters) {
		return new HandshakeGuard(origins, authenticator, limits, addressLimits, concurrent, counters);
	}

	/** The application's mapper, which writes every event and frame, or a default one. */
	public static JsonMapper jsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
	}

	/**
	 * Whether anonymous clients may connect: as configured, else only when the application has
	 * no way to authenticate anyone.
	 */
	static boolean allowAnonymous(RealtimeProperties properties, boolean canAuthenticate) {
		Boolean allowAnonymous = properties.getSecurity().getAllowAnonymous();
		return (allowAnonymous != null) ? allowAnonymous : !canAuthenticate;
	}

	/** Verifies bearer tokens as JWTs when the application can decode them. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveJwtDecoder.class)
	static class JwtConfiguration {

		@Bean
		@ConditionalOnBean(ReactiveJwtDecoder.class)
		@ConditionalOnMissingBean
		TokenVerifier realtimeJwtTokenVerifier(ReactiveJwtDecoder decoder, RealtimeProperties properties) {
			return new JwtTokenVerifier(decoder, properties.getSecurity().getUserIdClaim());
		}

	}

	/** Takes Spring Security's principal, or a bearer token. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Authentication.class)
	static class SpringSecurityAuthenticatorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RealtimeAuthenticator realtimeAuthenticator(ObjectProvider<TokenVerifier> tokens,
				RealtimeProperties properties) {
			return new HandshakeAuthenticator(new SpringSecurityPrincipals(), tokens.getIfUnique(),
					properties.getSecurity().getTokenParameter(), allowAnonymous(properties, true));
		}

	}

	/** Takes the request's principal, set by whatever authenticated it, or a bearer token. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.security.core.Authentication")
	static class PrincipalAuthenticatorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RealtimeAuthenticator realtimeAuthenticator(ObjectProvider<TokenVerifier> tokens,
				RealtimeProperties properties) {
			TokenVerifier verifier = tokens.getIfUnique();
			return new HandshakeAuthenticator(HandshakeAuthenticator::byName, verifier,
					properties.getSecurity().getTokenParameter(), allowAnonymous(properties, verifier != null));
		}

	}

	/** The starter's own hub, and what only it supports, unless the application has a hub. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(RealtimeHub.class)
	static class DefaultHubConfiguration {

		// Spring would infer shutdown() as the destroy method and wait for its Mono without
		// a timeout: RealtimeShutdown shuts the hub down, bounded by realtime.shutdown.timeout.
		@Bean(destroyMethod = "")
		DefaultRealtimeHub realtimeHub(Broker broker, PresenceStore presence, ObjectProvider<JsonMapper> jsonMapper,
				RoomNamePolicy roomNames, RealtimeProperties properties, ObjectProvider<RealtimeMetrics> metrics) {
			RealtimeProperties.Presence joinLeave = properties.getPresence();
			List<RoomPattern> joinLeaveRooms = joinLeave.getJoinLeaveRooms().stream().map(RoomPattern::new).toList();
			RealtimeProperties.History history = properties.getHistory();
			long replayRate = history.getReplayRate().toBytes();
			HubSettings settings = new HubSettings(properties.getLimits().getSubscriberBuffer(), history.getMaxReplay(),
					replayRate, Math.max(replayRate, history.getMaxRoomSize().toBytes()),
					properties.getLimits().getMaxConcurrentReplays(),
					new JoinLeaveEvents((room) -> joinLeaveRooms.stream().anyMatch((pattern) -> pattern.matches(room)),
							joinLeave.getJoinLeaveMaxMembers()),
					joinLeave.getRefreshInterval());
			return new DefaultRealtimeHub(broker, presence, jsonMapper(jsonMapper), roomNames, settings,
					metrics.getIfAvailable(() -> RealtimeMetrics.NONE));
		}

		@Bean
		@ConditionalOnMissingBean
		RealtimeShutdown realtimeShutdown(DefaultRealtimeHub hub, HandshakeGuard guard, RealtimeProperties properties) {
			RealtimeProperties.Shutdown shutdown = properties.getShutdown();
			Integer batchSize = shutdown.getDrainBatchSize();
			return new RealtimeShutdown(hub, guard, shutdown.getTimeout(), shutdown.getDrainPeriod(),
					(batchSize != null) ? batchSize : 0);
		}

	}

}
