package com.descope.notp.jwt;

import java.time.Instant;
import java.util.Date;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BlockingJwtDecoderAdapter} around the starter's real decoder
 * ({@link DescopeJwtDecoderBuilder}, real RS256 tokens and JWKS from a
 * {@link DescopeEmulator}): which thread each decode runs on. The adapter's scheduler is
 * a single thread of a known name, so a decode that hopped is told apart from one
 * answered on the subscribing (test) thread.
 */
class BlockingJwtDecoderAdapterTests {

	private static final String DECODE_THREAD = "adapter-decode";

	private static DescopeEmulator emulator;

	private static Scheduler scheduler;

	@BeforeAll
	static void start() {
		emulator = DescopeEmulator.start();
		scheduler = Schedulers.newSingle(DECODE_THREAD);
	}

	@AfterAll
	static void stop() {
		scheduler.dispose();
		emulator.close();
	}

	@Test
	void decodeWhenTokenUnseenThenDecodedOnScheduler() {
		BlockingJwtDecoderAdapter adapter = new BlockingJwtDecoderAdapter(decoder().build(), scheduler);

		assertThat(threadOf(adapter.decode(token()))).startsWith(DECODE_THREAD);
	}

	@Test
	void decodeWhenTokenVerifiedBeforeThenAnsweredOnSubscribingThread() {
		BlockingJwtDecoderAdapter adapter = new BlockingJwtDecoderAdapter(decoder().build(), scheduler);
		String token = token();
		// the verified-token cache admits a token on its second sighting
		adapter.decode(token).block();
		Jwt first = adapter.decode(token).block();

		Mono<Jwt> again = adapter.decode(token);

		assertThat(threadOf(again)).isEqualTo(Thread.currentThread().getName());
		assertThat(again.block()).isSameAs(first);
	}

	@Test
	void decodeWhenCachedTokenPastExpThenDecodedOnSchedulerAndRefused() {
		MovableClock clock = MovableClock.standingAt(Instant.now());
		BlockingJwtDecoderAdapter adapter = new BlockingJwtDecoderAdapter(decoder().clock(clock).build(), scheduler);
		Instant now = clock.instant();
		String token = emulator.issueSessionJwt(admin(), (claims) -> claims.issueTime(Date.from(now.minusSeconds(60)))
			.expirationTime(Date.from(now.plusSeconds(30))));
		adapter.decode(token).block();
		adapter.decode(token).block();
		assertThat(threadOf(adapter.decode(token))).as("cached before exp").isEqualTo(Thread.currentThread().getName());

		clock.set(now.plusSeconds(60));

		assertThat(threadOf(adapter.decode(token))).startsWith(DECODE_THREAD);
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> adapter.decode(token).block());
	}

	@Test
	void decodeWhenVerifiedTokenCacheOffThenEveryDecodeOnScheduler() {
		BlockingJwtDecoderAdapter adapter = new BlockingJwtDecoderAdapter(decoder().verifiedTokenCacheSize(0).build(),
				scheduler);
		String token = token();
		adapter.decode(token).block();

		assertThat(threadOf(adapter.decode(token))).startsWith(DECODE_THREAD);
	}

	@Test
	void decodeWhenDelegateKeepsNoCacheThenEveryDecodeOnScheduler() {
		JwtDecoder starters = decoder().build();
		JwtDecoder applications = starters::decode;
		BlockingJwtDecoderAdapter adapter = new BlockingJwtDecoderAdapter(applications, scheduler);
		String token = token();
		adapter.decode(token).block();

		assertThat(threadOf(adapter.decode(token))).startsWith(DECODE_THREAD);
	}

	/**
	 * The thread the decode's outcome, a JWT or a refusal, is emitted on.
	 */
	private static String threadOf(Mono<Jwt> decoded) {
		return decoded.map((jwt) -> Thread.currentThread().getName())
			.onErrorResume(BadJwtException.class, (ex) -> Mono.fromCallable(() -> Thread.currentThread().getName()))
			.block();
	}

	private static DescopeJwtDecoderBuilder decoder() {
		return DescopeJwtDecoderBuilder.withJwkSetUri(emulator.baseUrl() + "/v2/keys/" + emulator.projectId(),
				emulator.projectId());
	}

	private static String token() {
		return emulator.issueSessionJwt(admin());
	}

	private static EmulatedUser admin() {
		return emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

}
