package com.descope.notp.test;

import java.util.Optional;

import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/auth/notp/whatsapp/{signin|signup|signup-in}} and
 * {@code POST /v1/auth/notp/pending-session}.
 */
final class NotpHandlers {

	private final EmulatorContext ctx;

	private final SessionHandlers sessions;

	NotpHandlers(EmulatorContext ctx, SessionHandlers sessions) {
		this.ctx = ctx;
		this.sessions = sessions;
	}

	/**
	 * Starts a flow; {@code method} is signin, signup or signup-in.
	 * @param method the path's last segment
	 * @param body the JSON request body
	 * @param refreshToken the refresh JWT from the bearer header or the {@code DSR}
	 * cookie, needed for step-up and MFA; or {@code null}
	 * @return the {@code 200} answer with {@code pendingRef}, {@code redirectUrl} and
	 * {@code image}, or the error
	 */
	MockResponse.Builder start(String method, String body, @Nullable String refreshToken) {
		JsonNode request = RequestBodies.jsonObject(body);
		if (request == null) {
			return Answers.error(400, EmulatorErrorCodes.INVALID_REQUEST, "Request body is not a JSON object");
		}
		String loginId = RequestBodies.stringField(request, "loginId");
		if (loginId == null) {
			return Answers.error(400, EmulatorErrorCodes.INVALID_REQUEST, "loginId must be a string");
		}
		loginId = loginId.strip();
		JsonNode loginOptions = request.path("loginOptions");
		boolean stepup = RequestBodies.isTrue(loginOptions, "stepup");
		boolean mfa = RequestBodies.isTrue(loginOptions, "mfa");
		String userId = null;
		if (stepup || mfa) {
			TokenService.RefreshCheck check = this.ctx.tokens().checkRefresh(refreshToken);
			if (!check.valid()) {
				return Answers.error(401, check.errorCode(),
						"Step-up and MFA need a valid refresh token: " + check.description());
			}
			Optional<EmulatedUser> user = this.ctx.state().findById(check.userId());
			if (user.isEmpty()) {
				return Answers.error(401, EmulatorErrorCodes.INVALID_REFRESH_TOKEN, "Refresh token of unknown user");
			}
			userId = user.get().userId();
			if (loginId.isEmpty()) {
				loginId = user.get().loginIds().isEmpty() ? "" : user.get().loginIds().get(0);
			}
		}
		else if (!loginId.isEmpty()) {
			boolean exists = this.ctx.state().findByLoginId(loginId).isPresent();
			if ("signin".equals(method) && !exists) {
				return Answers.error(400, EmulatorErrorCodes.USER_NOT_FOUND, "User not found");
			}
			if ("signup".equals(method) && exists) {
				return Answers.error(400, EmulatorErrorCodes.USER_ALREADY_EXISTS, "User already exists");
			}
		}
		String code = RandomIds.confirmationCode();
		String redirectUrl = this.ctx.baseUrl() + "/notp/confirm/" + code;
		FlowRecord flow = new FlowRecord(RandomIds.pendingRef(), code, method, loginId,
				this.ctx.settings().clock.instant(), redirectUrl, stepup, mfa, request, userId);
		this.ctx.state().addFlow(flow);
		ObjectNode answer = Answers.JSON.createObjectNode();
		answer.put("pendingRef", flow.pendingRef);
		answer.put("redirectUrl", redirectUrl);
		answer.put("image", QrCodeImages.pngBase64(redirectUrl));
		return Answers.json(200, answer);
	}

	/**
	 * Polls a flow.
	 * @param body the JSON request body with the {@code pendingRef}
	 * @return the JWTResponse once confirmed, else the error for the flow's state
	 */
	MockResponse.Builder pendingSession(String body) {
		JsonNode request = RequestBodies.jsonObject(body);
		if (request == null) {
			return Answers.error(400, EmulatorErrorCodes.INVALID_REQUEST, "Request body is not a JSON object");
		}
		String pendingRef = RequestBodies.stringField(request, "pendingRef");
		EmulatorState.PollOutcome outcome = this.ctx.state().poll(pendingRef, this.ctx.settings().pendingFlowTtl);
		if (outcome.user() != null) {
			return this.sessions.login(outcome.user(), outcome.stepup(), outcome.mfa(), outcome.firstSeen());
		}
		return switch (outcome.state()) {
			case PendingFlow.PENDING -> Answers.error(401, EmulatorErrorCodes.NOTP_PENDING,
					"nOTP is pending: waiting for the WhatsApp message");
			case PendingFlow.EXPIRED -> Answers.error(401, EmulatorErrorCodes.NOTP_EXPIRED, "nOTP flow expired");
			case PendingFlow.FAILED -> Answers.error(401,
					(outcome.errorCode() != null) ? outcome.errorCode() : EmulatorErrorCodes.INVALID_REQUEST,
					"nOTP flow failed");
			default -> Answers.error(400, EmulatorErrorCodes.INVALID_REQUEST, "Unknown or already used pendingRef");
		};
	}

}
