package com.descope.notp.test;

/**
 * The HTML pages standing in for WhatsApp: self-contained (inline CSS, no script, no
 * external resources), phone-sized viewport friendly, every echoed value HTML-escaped.
 */
final class ConfirmationPages {

	private static final String STYLE = """
			body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#ece5dd;\
			color:#111;line-height:1.5}
			main{max-width:26rem;margin:0 auto;padding:1.25rem}
			header{background:#075e54;color:#fff;padding:1rem 1.25rem}
			header p{margin:.25rem 0 0;font-size:.9rem}
			h1{font-size:1.25rem;margin:0}
			.card{background:#fff;border-radius:.75rem;padding:1.25rem;box-shadow:0 1px 2px rgba(0,0,0,.2)}
			label{display:block;font-weight:600;margin-bottom:.35rem}
			input{box-sizing:border-box;width:100%;font-size:1.1rem;padding:.6rem;border:2px solid #555;\
			border-radius:.5rem}
			input:focus,button:focus{outline:3px solid #1a73e8;outline-offset:2px}
			button{margin-top:1rem;width:100%;font-size:1.1rem;padding:.75rem;border:0;border-radius:.5rem;\
			background:#075e54;color:#fff;font-weight:600;cursor:pointer}
			.hint{font-size:.9rem;color:#333}
			""";

	private ConfirmationPages() {
	}

	/**
	 * The page with the phone field and the "Send the WhatsApp message" button.
	 * @param flow the flow to confirm, for what the page says about it
	 * @param code the confirmation code the form posts back
	 * @param prefilledPhone the phone number the field starts with; may be empty
	 * @return the HTML page
	 */
	static String form(PendingFlow flow, String code, String prefilledPhone) {
		String action = "/notp/confirm/" + escape(code);
		return page("Send the WhatsApp message", """
				<div class="card">
				<p>Your app is waiting for a WhatsApp message to finish the %s (Descope nOTP).
				Nothing is sent to WhatsApp: pressing the button tells the emulator the message arrived.</p>
				<form method="post" action="%s">
				<label for="phone">Your WhatsApp phone number</label>
				<input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required
				 aria-describedby="phone-hint" value="%s">
				<p id="phone-hint" class="hint">International format, for example +15555550199.</p>
				<button type="submit">Send the WhatsApp message</button>
				</form>
				</div>
				""".formatted(escape(describe(flow.method())), action, escape(prefilledPhone)));
	}

	/**
	 * After a successful confirmation.
	 * @return the HTML page
	 */
	static String confirmed() {
		return page("Confirmed — go back to the app", """
				<div class="card" role="status">
				<p>The emulator received your WhatsApp message. Go back to the app: it signs you in within a
				second or two. You can close this page.</p>
				</div>
				""");
	}

	/**
	 * The flow cannot be confirmed any more (already confirmed, redeemed, expired or
	 * failed).
	 * @param state the flow's state, which chooses the explanation shown
	 * @return the HTML page
	 */
	static String notPending(String state) {
		String why = switch (state) {
			case PendingFlow.CONFIRMED, PendingFlow.REDEEMED -> "This sign-in was already confirmed.";
			case PendingFlow.EXPIRED -> "This sign-in expired. Start again in the app.";
			default -> "This sign-in failed. Start again in the app.";
		};
		return page("Nothing to confirm", "<div class=\"card\" role=\"alert\"><p>" + escape(why) + "</p></div>\n");
	}

	/**
	 * The confirmation was refused (e.g. blank or different phone number).
	 * @param reason why, shown to the user (HTML-escaped here)
	 * @return the HTML page
	 */
	static String refused(String reason) {
		return page("Not confirmed", "<div class=\"card\" role=\"alert\"><p>" + escape(reason)
				+ "</p><p>Go back and try again.</p></div>\n");
	}

	/**
	 * Unknown confirmation code.
	 * @return the HTML page
	 */
	static String notFound() {
		return page("Link not found", """
				<div class="card" role="alert"><p>This confirmation link is unknown to the emulator.
				Start the sign-in again in the app.</p></div>
				""");
	}

	private static String describe(String method) {
		return switch (method) {
			case "signup" -> "sign-up";
			case "signup-in" -> "sign-in";
			default -> "sign-in";
		};
	}

	private static String page(String title, String content) {
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s · Descope emulator</title>
				<style>%s</style>
				</head>
				<body>
				<header><h1>%s</h1><p>Descope emulator · stand-in for WhatsApp (local testing only)</p></header>
				<main>
				%s</main>
				</body>
				</html>
				""".formatted(escape(title), STYLE, escape(title), content);
	}

	/**
	 * Escapes {@code & < > " '} for HTML text and attribute values.
	 * @param text the text to escape
	 * @return the escaped text
	 */
	static String escape(String text) {
		StringBuilder sb = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> sb.append("&amp;");
				case '<' -> sb.append("&lt;");
				case '>' -> sb.append("&gt;");
				case '"' -> sb.append("&quot;");
				case '\'' -> sb.append("&#39;");
				default -> sb.append(c);
			}
		}
		return sb.toString();
	}

}
