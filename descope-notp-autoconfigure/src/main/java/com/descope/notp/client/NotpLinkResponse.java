package com.descope.notp.client;

import org.jspecify.annotations.Nullable;

/**
 * Descope's answer to a nOTP start call, {@code NOTPLinkResponse}
 * ({@code docs/descope-protocol.md}, "Calls the client makes"). All three fields are
 * optional on the wire.
 *
 * @param pendingRef the reference to poll {@code /v1/auth/notp/pending-session} with
 * @param redirectUrl the WhatsApp link (a {@code wa.me} URL with the pre-filled message)
 * @param image the QR code of the link: base64 of the image bytes, with no {@code data:}
 * prefix
 */
public record NotpLinkResponse(@Nullable String pendingRef, @Nullable String redirectUrl, @Nullable String image) {

	@Override
	public String toString() {
		return "NotpLinkResponse[pendingRef=" + Redaction.redact(this.pendingRef) + ", redirectUrl="
				+ ((this.redirectUrl != null) ? "[present]" : "null") + ", image="
				+ ((this.image != null) ? this.image.length() + " chars" : "null") + "]";
	}

}
