package com.descope.notp.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.descope.notp.limits.NotpStartGuard.Decision;
import com.descope.notp.limits.NotpStartGuard.Scope;
import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NotpStartGuard}: the region rules, and the limits per address (an IPv6
 * address by its /64), per number (whatever format it was written in) and in all, each
 * counting only the starts that passed those before it; on the real
 * {@link InMemoryKeyedRateLimiter} and a {@link MovableClock}.
 */
class NotpStartGuardTests {

	private static final String ALICE = "+15550100100";

	private static final String ADDRESS = "203.0.113.7";

	private static final RateLimit TWO_PER_MINUTE = new RateLimit(2, Duration.ofMinutes(1));

	private static final RateLimit HUNDRED_PER_MINUTE = new RateLimit(100, Duration.ofMinutes(1));

	private final MovableClock clock = MovableClock.standingAt(Instant.parse("2026-12-01T10:00:00Z"));

	private final InMemoryKeyedRateLimiter limiter = new InMemoryKeyedRateLimiter(1000, this.clock);

	@Test
	void checkWhenANumberHadItsStartsThenTheNextIsLimitedWithTheWaitUntilItsNextWindow() {
		NotpStartGuard guard = guard(new StartLimits(null, TWO_PER_MINUTE, null, Set.of(), Set.of()), null);
		assertThat(guard.check(ALICE, ADDRESS)).isInstanceOf(Decision.Allowed.class);
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(guard.check(ALICE, "198.51.100.1")).isInstanceOf(Decision.Allowed.class);

		assertThat(guard.check(ALICE, "198.51.100.2"))
			.isEqualTo(new Decision.Limited(Scope.NUMBER, Duration.ofSeconds(40)));
		assertThat(guard.check("+15550100101", ADDRESS)).as("another number").isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void checkWhenOneNumberIsWrittenInSeveralNationalAndInternationalFormatsThenItIsCountedOnce() {
		NotpStartGuard us = guard(
				new StartLimits(null, new RateLimit(4, Duration.ofMinutes(1)), null, Set.of(), Set.of()), "US");
		for (String written : new String[] { "+1 555 010 0100", "(555) 010-0100", "011 1 555 010 0100",
				"1-555-010-0100" }) {
			assertThat(us.check(written, null)).as(written).isInstanceOf(Decision.Allowed.class);
		}
		assertThat(us.check(ALICE, null)).isInstanceOf(Decision.Limited.class);

		NotpStartGuard gb = guard(new StartLimits(null, TWO_PER_MINUTE, null, Set.of(), Set.of()), "GB");
		assertThat(gb.check("+1 555 010 0101", null)).isInstanceOf(Decision.Allowed.class);
		assertThat(gb.check("001 555 010 0101", null)).isInstanceOf(Decision.Allowed.class);
		assertThat(gb.check("+15550100101", null)).as("00 is the international prefix in GB")
			.isInstanceOf(Decision.Limited.class);
	}

	@Test
	void checkWhenAnAddressHadItsStartsThenTheNextIsLimitedWhateverTheNumber() {
		NotpStartGuard guard = guard(new StartLimits(TWO_PER_MINUTE, null, null, Set.of(), Set.of()), null);
		guard.check("+15550100101", ADDRESS);
		guard.check("+15550100102", ADDRESS);

		assertThat(guard.check("+15550100103", ADDRESS)).isInstanceOfSatisfying(Decision.Limited.class,
				(limited) -> assertThat(limited.scope()).isEqualTo(Scope.ADDRESS));
		assertThat(guard.check("", ADDRESS)).as("a start naming no number").isInstanceOf(Decision.Limited.class);
		assertThat(guard.check("+15550100103", "203.0.113.8")).isInstanceOf(Decision.Allowed.class);
		assertThat(guard.check("+15550100103", null)).as("no address known").isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void checkWhenIpv6AddressesShareTheirFirst64BitsThenTheyAreCountedAsOneClient() {
		NotpStartGuard guard = guard(new StartLimits(TWO_PER_MINUTE, null, null, Set.of(), Set.of()), null);
		guard.check(ALICE, "2001:db8:1:2::1");
		guard.check(ALICE, "2001:db8:1:2:ffff:ffff:ffff:ffff");

		assertThat(guard.check(ALICE, "[2001:0db8:0001:0002::abcd]")).isInstanceOf(Decision.Limited.class);
		assertThat(guard.check(ALICE, "2001:db8:1:3::1")).as("the next /64").isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void checkWhenAnIpv4MappedIpv6AddressThenCountedAsItsIpv4Address() {
		NotpStartGuard guard = guard(new StartLimits(TWO_PER_MINUTE, null, null, Set.of(), Set.of()), null);
		guard.check(ALICE, ADDRESS);
		guard.check(ALICE, "::ffff:" + ADDRESS);

		assertThat(guard.check(ALICE, ADDRESS)).isInstanceOf(Decision.Limited.class);
	}

	@Test
	void checkWhenALimitRefusesThenTheLimitsAfterItTakeNoPermit() {
		NotpStartGuard guard = guard(new StartLimits(TWO_PER_MINUTE, HUNDRED_PER_MINUTE,
				new RateLimit(3, Duration.ofMinutes(1)), Set.of(), Set.of()), null);
		guard.check(ALICE, ADDRESS);
		guard.check(ALICE, ADDRESS);
		for (int i = 0; i < 10; i++) {
			assertThat(guard.check(ALICE, ADDRESS)).isInstanceOf(Decision.Limited.class);
		}

		assertThat(guard.check(ALICE, "198.51.100.1")).as("the third start that went through")
			.isInstanceOf(Decision.Allowed.class);
		assertThat(guard.check(ALICE, "198.51.100.2")).isInstanceOfSatisfying(Decision.Limited.class,
				(limited) -> assertThat(limited.scope()).isEqualTo(Scope.GLOBAL));
	}

	@Test
	void checkWhenTheNumbersRegionIsDeniedThenRefusedAndNoPermitIsTaken() {
		NotpStartGuard guard = guard(new StartLimits(TWO_PER_MINUTE, null, null, Set.of(), Set.of("JM")), null);

		assertThat(guard.check("+1 876 523 0123", ADDRESS)).as("Jamaica, country code 1")
			.isInstanceOf(Decision.RegionRefused.class);
		assertThat(guard.check("+1 876 523 0123", ADDRESS)).isInstanceOf(Decision.RegionRefused.class);
		assertThat(guard.check("+1 201 555 0123", ADDRESS)).as("United States").isInstanceOf(Decision.Allowed.class);
		assertThat(guard.check(ALICE, ADDRESS)).as("region unknown, no allow-list")
			.isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void checkWhenRegionsAreAllowedThenOthersAndUnknownOnesAreRefusedAndAStartNamingNoNumberGoes() {
		NotpStartGuard guard = guard(new StartLimits(null, null, null, Set.of("us", "BR"), Set.of()), null);

		assertThat(guard.check("+1 201 555 0123", ADDRESS)).isInstanceOf(Decision.Allowed.class);
		assertThat(guard.check("+55 11 2345 6789", ADDRESS)).isInstanceOf(Decision.Allowed.class);
		assertThat(guard.check("+44 121 234 5678", ADDRESS)).isInstanceOf(Decision.RegionRefused.class);
		assertThat(guard.check("+1 876 523 0123", ADDRESS)).isInstanceOf(Decision.RegionRefused.class);
		assertThat(guard.check(ALICE, ADDRESS)).as("libphonenumber cannot tell the region of a 555-01xx number")
			.isInstanceOf(Decision.RegionRefused.class);
		assertThat(guard.check("", ADDRESS)).isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void startLimitsWhenARegionIsUnknownOrBothAllowedAndDeniedThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StartLimits(null, null, null, Set.of("XX"), Set.of()))
			.withMessageContaining("XX");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StartLimits(null, null, null, Set.of("US"), Set.of("us")))
			.withMessageContaining("US");
	}

	private NotpStartGuard guard(StartLimits limits, String defaultRegion) {
		return new NotpStartGuard(limits, this.limiter, defaultRegion);
	}

}
