package com.descope.notp.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Users and flows of one emulator, behind one lock. All methods are thread-safe. Flows
 * age by the emulator's clock.
 */
final class EmulatorState {

	private final Supplier<Instant> clock;

	private final Map<String, EmulatedUser> users = new LinkedHashMap<>();

	private final Map<String, FlowRecord> flowsByRef = new LinkedHashMap<>();

	private final Map<String, FlowRecord> flowsByCode = new HashMap<>();

	private final Set<String> seenUserIds = new HashSet<>();

	EmulatorState(Supplier<Instant> clock) {
		this.clock = clock;
	}

	synchronized EmulatedUser addUser(EmulatedUser user) {
		this.users.values().removeIf((u) -> u.userId().equals(user.userId()));
		this.users.put(user.storeKey(), user);
		return user;
	}

	synchronized List<EmulatedUser> users() {
		return List.copyOf(this.users.values());
	}

	synchronized Optional<EmulatedUser> findByLoginId(@Nullable String loginId) {
		if (loginId == null || loginId.isBlank()) {
			return Optional.empty();
		}
		String wanted = normalize(loginId);
		for (EmulatedUser user : this.users.values()) {
			for (String id : user.loginIds()) {
				if (normalize(id).equals(wanted)) {
					return Optional.of(user);
				}
			}
		}
		for (EmulatedUser user : this.users.values()) {
			if (user.phone() != null && normalize(user.phone()).equals(wanted)) {
				return Optional.of(user);
			}
		}
		return Optional.empty();
	}

	synchronized Optional<EmulatedUser> findById(String userId) {
		return this.users.values().stream().filter((u) -> u.userId().equals(userId)).findFirst();
	}

	synchronized void addFlow(FlowRecord flow) {
		this.flowsByRef.put(flow.pendingRef, flow);
		this.flowsByCode.put(flow.code, flow);
	}

	synchronized List<PendingFlow> flows(Duration ttl) {
		Instant now = this.clock.get();
		List<PendingFlow> out = new ArrayList<>();
		this.flowsByRef.values().forEach((f) -> out.add(f.snapshot(ttl, now)));
		// concurrent starts can be inserted in another order than their start times
		out.sort(java.util.Comparator.comparing(PendingFlow::createdAt));
		return out;
	}

	synchronized Optional<PendingFlow> flowByCode(String code, Duration ttl) {
		FlowRecord flow = this.flowsByCode.get(code);
		return (flow != null) ? Optional.of(flow.snapshot(ttl, this.clock.get())) : Optional.empty();
	}

	private FlowRecord require(String pendingRef) {
		FlowRecord flow = (pendingRef != null) ? this.flowsByRef.get(pendingRef) : null;
		if (flow == null) {
			throw new IllegalArgumentException("no flow with this pendingRef");
		}
		return flow;
	}

	/**
	 * Confirms the flow with that confirmation code; see
	 * {@link #confirm(String, String, Duration)}.
	 * @param code the confirmation code from the link
	 * @param whatsAppPhone the phone number the message is sent from
	 * @param ttl how long a flow lives after it was started
	 * @return the new state
	 * @throws IllegalArgumentException when no flow has that code, or as
	 * {@link #confirm(String, String, Duration)}
	 */
	synchronized String confirmByCode(String code, String whatsAppPhone, Duration ttl) {
		FlowRecord flow = this.flowsByCode.get(code);
		if (flow == null) {
			throw new IllegalArgumentException("no flow with this code");
		}
		return confirm(flow.pendingRef, whatsAppPhone, ttl);
	}

	/**
	 * As if {@code whatsAppPhone} sent the WhatsApp message. Returns the new state:
	 * confirmed, or failed (sign-in of an unknown phone: E062108; sign-up of a known
	 * phone: E062107).
	 * @param pendingRef the flow's reference
	 * @param whatsAppPhone the phone number the message is sent from
	 * @param ttl how long a flow lives after it was started
	 * @return the new state
	 * @throws IllegalStateException when the flow is not pending
	 * @throws IllegalArgumentException when the flow is unknown, or names a login id
	 * other than {@code whatsAppPhone}
	 */
	synchronized String confirm(String pendingRef, String whatsAppPhone, Duration ttl) {
		FlowRecord flow = require(pendingRef);
		String state = flow.effectiveState(ttl, this.clock.get());
		if (!PendingFlow.PENDING.equals(state)) {
			throw new IllegalStateException("flow is " + state + ", not pending");
		}
		if (flow.userId != null) {
			flow.state = PendingFlow.CONFIRMED;
			return flow.state;
		}
		if (!flow.loginId.isEmpty() && !normalize(flow.loginId).equals(normalize(whatsAppPhone))) {
			throw new IllegalArgumentException("the WhatsApp message must come from the flow's loginId");
		}
		String loginId = flow.loginId.isEmpty() ? whatsAppPhone.strip() : flow.loginId;
		Optional<EmulatedUser> existing = findByLoginId(loginId);
		if ("signin".equals(flow.method) && existing.isEmpty()) {
			return fail(flow, EmulatorErrorCodes.USER_NOT_FOUND);
		}
		if ("signup".equals(flow.method) && existing.isPresent()) {
			return fail(flow, EmulatorErrorCodes.USER_ALREADY_EXISTS);
		}
		if (existing.isPresent()) {
			flow.userId = existing.get().userId();
		}
		else {
			JsonNode signUpUser = flow.requestBody.path("user");
			EmulatedUser created = new EmulatedUser(RandomIds.userId(), List.of(loginId), text(signUpUser.path("name")),
					text(signUpUser.path("email")), whatsAppPhone.strip(), List.of(), List.of(), Map.of());
			addUser(created);
			flow.userId = created.userId();
			flow.userCreated = true;
		}
		flow.state = PendingFlow.CONFIRMED;
		return flow.state;
	}

	private static String fail(FlowRecord flow, String code) {
		flow.state = PendingFlow.FAILED;
		flow.failureCode = code;
		return flow.state;
	}

	synchronized void expire(String pendingRef) {
		FlowRecord flow = require(pendingRef);
		if (PendingFlow.REDEEMED.equals(flow.state)) {
			throw new IllegalStateException("flow was already redeemed");
		}
		flow.state = PendingFlow.EXPIRED;
	}

	synchronized void fail(String pendingRef, String errorCode) {
		FlowRecord flow = require(pendingRef);
		if (PendingFlow.REDEEMED.equals(flow.state)) {
			throw new IllegalStateException("flow was already redeemed");
		}
		fail(flow, errorCode);
	}

	/**
	 * Looks at the flow and, when confirmed, marks it redeemed (atomically). Unknown ref
	 * → state "unknown".
	 * @param pendingRef the flow's reference, or {@code null}
	 * @param ttl how long a flow lives after it was started
	 * @return what the poll finds
	 */
	synchronized PollOutcome poll(@Nullable String pendingRef, Duration ttl) {
		FlowRecord flow = (pendingRef != null) ? this.flowsByRef.get(pendingRef) : null;
		if (flow == null) {
			return new PollOutcome("unknown", null, null, false, false, false);
		}
		String state = flow.effectiveState(ttl, this.clock.get());
		if (!PendingFlow.CONFIRMED.equals(state)) {
			return new PollOutcome(state, flow.failureCode, null, false, false, false);
		}
		EmulatedUser user = (flow.userId != null) ? findById(flow.userId).orElse(null) : null;
		if (user == null) {
			fail(flow, EmulatorErrorCodes.USER_NOT_FOUND);
			return new PollOutcome(PendingFlow.FAILED, flow.failureCode, null, false, false, false);
		}
		flow.state = PendingFlow.REDEEMED;
		boolean firstSeen = this.seenUserIds.add(user.userId());
		return new PollOutcome(PendingFlow.REDEEMED, null, user, flow.stepup, flow.mfa, firstSeen);
	}

	private static @Nullable String text(JsonNode node) {
		return (node.isString() && !node.stringValue().isBlank()) ? node.stringValue() : null;
	}

	/**
	 * Comparison form of a login id: phone-like ids lose spaces, dashes, dots and
	 * parentheses; others are lower-cased.
	 * @param loginId the login id as given
	 * @return the comparison form
	 */
	static String normalize(String loginId) {
		String id = loginId.strip();
		if (id.matches("[+\\d\\s().-]+")) {
			return id.replaceAll("[\\s().-]", "");
		}
		return id.toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * What a poll of {@code POST /v1/auth/notp/pending-session} finds.
	 *
	 * @param state one of the {@link PendingFlow} states, or {@code "unknown"}
	 * @param errorCode the failure's error code for a failed flow, else {@code null}
	 * @param user the user for a flow redeemed by this poll, else {@code null}
	 * @param stepup whether the flow was a step-up
	 * @param mfa whether the flow added a factor
	 * @param firstSeen whether this is the user's first login at this emulator
	 */
	record PollOutcome(String state, @Nullable String errorCode, @Nullable EmulatedUser user, boolean stepup,
			boolean mfa, boolean firstSeen) {
	}

}
