package dev.realtime.autoconfigure.controller;

import java.util.List;
import java.util.stream.Stream;

import dev.realtime.Connection;
import dev.realtime.annotation.OnConnect;
import dev.realtime.annotation.OnPublish;
import dev.realtime.annotation.OnRpc;
import dev.realtime.annotation.OnSubscribe;
import dev.realtime.annotation.RealtimeController;
import dev.realtime.annotation.RoomName;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.protocol.ProtocolHooks;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RealtimeControllerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RealtimeControllerAutoConfiguration.class));

	@Test
	void definesNoHooksWithoutControllers() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ProtocolHooks.class));
	}

	@Test
	void callsTheMethodsOfTheApplicationsControllers() {
		this.contextRunner.withUserConfiguration(EchoController.class).run((context) -> {
			assertThat(context).hasSingleBean(ProtocolHooks.class);
			ProtocolHooks hooks = context.getBean(ProtocolHooks.class);
			assertThat(hooks.rpc(null, "echo", JsonMapper.shared().readTree("\"hi\"")).block()).isEqualTo("hi");
		});
	}

	@Test
	void backsOffFromTheHooksTheApplicationDeclares() {
		ProtocolHooks own = new ProtocolHooks() {
		};
		this.contextRunner.withUserConfiguration(EchoController.class)
			.withBean(ProtocolHooks.class, () -> own)
			.run((context) -> assertThat(context).getBean(ProtocolHooks.class).isSameAs(own));
	}

	@Test
	void validatesDataWithTheApplicationsValidator() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(ValidatingController.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(Validator.class);
				ProtocolHooks hooks = context.getBean(ProtocolHooks.class);
				assertThatExceptionOfType(ProtocolException.class)
					.isThrownBy(() -> hooks.rpc(null, "greet", JsonMapper.shared().readTree("{\"name\":\"\"}")).block())
					.withMessage("field 'data.name' must not be blank");
			});
	}

	@Test
	void failsToStartWhenAMethodValidatesWithoutAValidator() {
		this.contextRunner.withUserConfiguration(ValidatingController.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("Invalid @OnRpc method ValidatingController.greet: @Valid needs Bean Validation"));
	}

	@Test
	void worksWithoutBeanValidationOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Validator.class))
			.withUserConfiguration(EchoController.class)
			.run((context) -> assertThat(context).hasSingleBean(ProtocolHooks.class));
	}

	@Test
	void failsToStartWhenAMethodValidatesWithoutBeanValidationOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Validator.class))
			.withUserConfiguration(ValidatingController.class)
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("needs Bean Validation"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badControllers")
	void failsToStartOnAMethodItCannotCall(Class<?> controller, String problem) {
		this.contextRunner.withUserConfiguration(controller)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining(problem));
	}

	static Stream<Arguments> badControllers() {
		return Stream.of(Arguments.of(TwoPayloads.class,
				"Invalid @OnRpc method TwoPayloads.add: parameter 2 (String) is not one it takes: Connection, "
						+ "RealtimePrincipal, and one parameter for the data"),
				Arguments.of(PayloadOnConnect.class, "Invalid @OnConnect method PayloadOnConnect.connected: parameter 1"),
				Arguments.of(RoomNameOnRpc.class, "@RoomName marks a String parameter of @OnPublish and @OnSubscribe"),
				Arguments.of(FluxRpc.class, "Invalid @OnRpc method FluxRpc.all: it returns a stream of values (Flux)"),
				Arguments.of(SubscribeAnswersText.class,
						"Invalid @OnSubscribe method SubscribeAnswersText.check: it must return boolean, Mono<Boolean>, or nothing"),
				Arguments.of(TwoAnnotations.class, "Invalid method TwoAnnotations.both: it has [@OnPublish, @OnSubscribe]"),
				Arguments.of(EmptyPattern.class, "Invalid method EmptyPattern.check: Room pattern must not be empty"),
				Arguments.of(DuplicateRpc.class, "Two methods answer rpc 'echo': DuplicateRpc.again and DuplicateRpc.echo"));
	}

	record Greeting(@NotBlank String name) {
	}

	@RealtimeController
	static class EchoController {

		@OnRpc("echo")
		String echo(String text) {
			return text;
		}

	}

	@RealtimeController
	static class ValidatingController {

		@OnRpc("greet")
		String greet(@Valid Greeting greeting) {
			return "hello " + greeting.name();
		}

	}

	@RealtimeController
	static class TwoPayloads {

		@OnRpc("add")
		int add(Integer a, String b) {
			return a;
		}

	}

	@RealtimeController
	static class PayloadOnConnect {

		@OnConnect
		void connected(String data) {
		}

	}

	@RealtimeController
	static class RoomNameOnRpc {

		@OnRpc("room")
		String room(@RoomName String room) {
			return room;
		}

	}

	@RealtimeController
	static class FluxRpc {

		@OnRpc("all")
		Flux<String> all() {
			return Flux.just("a", "b");
		}

	}

	@RealtimeController
	static class SubscribeAnswersText {

		@OnSubscribe("*")
		Mono<String> check(Connection connection) {
			return Mono.just("yes");
		}

	}

	@RealtimeController
	static class TwoAnnotations {

		@OnPublish("*")
		@OnSubscribe("*")
		void both() {
		}

	}

	@RealtimeController
	static class EmptyPattern {

		@OnSubscribe("")
		boolean check() {
			return true;
		}

	}

	@RealtimeController
	static class DuplicateRpc {

		@OnRpc("echo")
		String echo(String text) {
			return text;
		}

		@OnRpc("echo")
		String again(List<String> texts) {
			return texts.get(0);
		}

	}

}
