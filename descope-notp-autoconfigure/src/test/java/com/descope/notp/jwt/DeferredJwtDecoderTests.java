package com.descope.notp.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeferredJwtDecoder}: its decoder is made at the first token, once,
 * also when many threads decode their first tokens at the same time; real session JWTs
 * from a {@link DescopeEmulator}, decoded by the starter's decoder with the emulator's
 * key.
 */
class DeferredJwtDecoderTests {

	private static final int THREADS = 8;

	private DescopeEmulator emulator;

	private final AtomicInteger made = new AtomicInteger();

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void decodeWhenFirstTokenThenTheDecoderIsMadeAndKeptForTheNext() {
		DeferredJwtDecoder decoder = new DeferredJwtDecoder(this::countedDecoder);
		assertThat(this.made).hasValue(0);

		Jwt first = decoder.decode(this.emulator.issueSessionJwt(admin()));
		Jwt second = decoder.decode(this.emulator.issueSessionJwt(admin()));

		assertThat(first.getSubject()).isEqualTo(admin().userId());
		assertThat(second.getSubject()).isEqualTo(admin().userId());
		assertThat(this.made).hasValue(1);
	}

	@Test
	void decodeWhenManyThreadsDecodeTheirFirstTokensAtOnceThenTheDecoderIsMadeOnce() throws Exception {
		DeferredJwtDecoder decoder = new DeferredJwtDecoder(this::countedDecoder);
		String token = this.emulator.issueSessionJwt(admin());
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<Jwt>> decoded = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				decoded.add(threads.submit(() -> {
					start.await();
					return decoder.decode(token);
				}));
			}
			start.countDown();
			for (Future<Jwt> jwt : decoded) {
				assertThat(jwt.get(10, TimeUnit.SECONDS).getSubject()).isEqualTo(admin().userId());
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(this.made).hasValue(1);
	}

	private JwtDecoder countedDecoder() {
		this.made.incrementAndGet();
		return DescopeJwtDecoderBuilder
			.withJwkSet(new JWKSet(this.emulator.signingKey().toPublicJWK()), this.emulator.projectId())
			.build();
	}

	private EmulatedUser admin() {
		return this.emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

}
