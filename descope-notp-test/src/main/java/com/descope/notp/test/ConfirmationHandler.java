package com.descope.notp.test;

import java.util.Optional;

import mockwebserver3.MockResponse;

/**
 * {@code GET} and {@code POST /notp/confirm/{code}}: the browser stand-in for sending the
 * WhatsApp message.
 */
final class ConfirmationHandler {

	static final String PREFIX = "/notp/confirm/";

	private final EmulatorContext ctx;

	ConfirmationHandler(EmulatorContext ctx) {
		this.ctx = ctx;
	}

	MockResponse.Builder handle(String method, String path, String body) {
		String code = path.substring(PREFIX.length());
		Optional<PendingFlow> found = this.ctx.state().flowByCode(code, this.ctx.settings().pendingFlowTtl);
		if (found.isEmpty()) {
			return Answers.html(404, ConfirmationPages.notFound());
		}
		PendingFlow flow = found.get();
		if (!PendingFlow.PENDING.equals(flow.state())) {
			return Answers.html(409, ConfirmationPages.notPending(flow.state()));
		}
		if ("GET".equals(method) || "HEAD".equals(method)) {
			String phone = flow.loginId().isEmpty() ? DescopeEmulator.DEFAULT_WHATSAPP_PHONE : flow.loginId();
			return Answers.html(200, ConfirmationPages.form(flow, code, phone));
		}
		if (!"POST".equals(method)) {
			return Answers.html(405, ConfirmationPages.refused("Use the form to confirm."))
				.setHeader("Allow", "GET, POST");
		}
		String phone = RequestBodies.formField(body, "phone");
		if (phone == null || phone.isBlank()) {
			return Answers.html(400, ConfirmationPages.refused("Enter the phone number the message comes from."));
		}
		String state;
		try {
			state = this.ctx.state().confirmByCode(code, phone.strip(), this.ctx.settings().pendingFlowTtl);
		}
		catch (IllegalArgumentException ex) {
			return Answers.html(400, ConfirmationPages
				.refused("The message must come from the phone number the app asked for: " + flow.loginId() + "."));
		}
		catch (IllegalStateException ex) {
			return Answers.html(409, ConfirmationPages.notPending(PendingFlow.EXPIRED));
		}
		if (PendingFlow.CONFIRMED.equals(state)) {
			return Answers.html(200, ConfirmationPages.confirmed());
		}
		String reason = "signup".equals(flow.method())
				? "The message arrived, but a user with this phone number already exists, so the sign-up failed."
				: "The message arrived, but no user has this phone number, so the sign-in failed.";
		return Answers.html(200, ConfirmationPages.refused(reason));
	}

}
