package com.descope.notp.test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserSupportTests extends EmulatorTestSupport {

	@Test
	void imageWhenDecodedThenPngQrCodeOfRedirectUrl() throws Exception {
		JsonNode answer = http.start("signup-in", "{\"loginId\":\"\",\"loginOptions\":{}}");
		byte[] png = Base64.getDecoder().decode(answer.get("image").stringValue());

		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image.getWidth()).isBetween(200, 300);
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		String text = new QRCodeReader()
			.decode(new BinaryBitmap(
					new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
			.getText();
		assertThat(text).isEqualTo(answer.get("redirectUrl").stringValue());
	}

	@Test
	void confirmationPageWhenGetThenAccessibleFormPrefilledWithLoginId() {
		String redirectUrl = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("redirectUrl")
			.stringValue();

		HttpResponse<String> page = http.request(HttpRequest.newBuilder(URI.create(redirectUrl)).GET());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((v) -> v.startsWith("text/html"));
		assertThat(page.body()).contains("<label for=\"phone\">", "id=\"phone\"", "value=\"+15555550100\"",
				"Send the WhatsApp message", "stand-in for WhatsApp", "name=\"viewport\"", "lang=\"en\"");
		assertThat(page.body()).doesNotContain("http://", "https://", "<script");
		assertThat(emulator.calls()).hasSize(1);
	}

	@Test
	void confirmationPageWhenPostedThenFlowConfirmedAndPollSucceeds() {
		String ref = http.start("signup-in", "{\"loginId\":\"\",\"loginOptions\":{}}").get("pendingRef").stringValue();
		String redirectUrl = emulator.lastFlow().redirectUrl();
		HttpResponse<String> form = http.request(HttpRequest.newBuilder(URI.create(redirectUrl)).GET());
		assertThat(form.body()).contains("value=\"" + DescopeEmulator.DEFAULT_WHATSAPP_PHONE + "\"");

		HttpResponse<String> confirmed = http.request(HttpRequest.newBuilder(URI.create(redirectUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("phone=" + URLEncoder.encode("+15555550101", StandardCharsets.UTF_8))));

		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Confirmed — go back to the app");
		assertThat(emulator.lastFlow().state()).isEqualTo("confirmed");
		JsonNode session = EmulatorHttp.json(http.poll(ref));
		assertThat(session.path("user").path("name").asString()).isEqualTo("Bob User");
		HttpResponse<String> again = http.request(HttpRequest.newBuilder(URI.create(redirectUrl)).GET());
		assertThat(again.statusCode()).isEqualTo(409);
	}

	@Test
	void confirmationPageWhenEchoingInputThenHtmlEscaped() {
		http.start("signup", "{\"loginId\":\"<b>x</b>\",\"user\":{},\"loginOptions\":{}}");
		String redirectUrl = emulator.lastFlow().redirectUrl();

		String form = http.request(HttpRequest.newBuilder(URI.create(redirectUrl)).GET()).body();
		String refused = http
			.request(HttpRequest.newBuilder(URI.create(redirectUrl))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("phone=%2B15555550188")))
			.body();

		assertThat(form).contains("value=\"&lt;b&gt;x&lt;/b&gt;\"").doesNotContain("<b>x</b>");
		assertThat(refused).contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>");
		assertThat(emulator.lastFlow().state()).isEqualTo("pending");
	}

	@Test
	void confirmationPageWhenUnknownCodeThenNotFoundPage() {
		HttpResponse<String> page = http
			.request(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/notp/confirm/AAAAAAAAAAAAAAAA")).GET());

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<!DOCTYPE html>");
	}

	@Test
	void corsPreflightWhenOriginThenAllowedWithCredentials() {
		HttpResponse<String> preflight = http
			.request(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/auth/notp/whatsapp/signin"))
				.header("Origin", "http://localhost:8080")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "authorization, content-type, x-descope-sdk-name")
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

		assertThat(preflight.statusCode()).isEqualTo(204);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, OPTIONS");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
			.hasValue("authorization, content-type, x-descope-sdk-name");
		assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
		assertThat(emulator.calls()).isEmpty();

		HttpResponse<String> actual = http
			.request(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/auth/notp/whatsapp/signin"))
				.header("Origin", "http://localhost:8080")
				.header("Authorization", "Bearer " + emulator.projectId())
				.POST(HttpRequest.BodyPublishers.ofString("{\"loginId\":\"\",\"loginOptions\":{}}")));
		assertThat(actual.statusCode()).isEqualTo(200);
		assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
		assertThat(actual.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(actual.headers().firstValue("Access-Control-Expose-Headers")).hasValue("*");
	}

}
