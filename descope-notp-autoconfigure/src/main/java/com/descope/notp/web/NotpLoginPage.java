package com.descope.notp.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.web.util.HtmlUtils;

/**
 * The default nOTP login page, rendered the same on both stacks (the servlet
 * {@link NotpLoginPageGeneratingFilter} and the reactive {@code NotpLoginPageWebFilter}):
 * a phone-number field (which may stay empty: Descope then uses the number the WhatsApp
 * message comes from), then the QR code and the WhatsApp link, while the page polls the
 * completion endpoint about once per polling interval and goes to the page first asked
 * for once the person confirmed (with {@code persist-tokens=false} it keeps the tokens in
 * page memory only, as {@code window.descopeSession}). With {@code ?logout} it says the
 * person was signed out; with {@code ?error} (where a failed login posted by a plain HTML
 * form is sent back) that the login could not be completed. When a last user is
 * remembered ({@link LastAuthenticatedUser}) it offers "continue as" with the number
 * masked. The page is self-contained (no external scripts, styles or fonts), works on a
 * phone-sized screen, and sends Spring Security's CSRF token as a form parameter, which
 * the servlet chain's default and single-page-app CSRF modes and the reactive chain
 * accept.
 * <p>
 * The endpoints the page talks to are given as paths of the application and rendered
 * under the request's context path (the servlet context path, WebFlux's
 * {@code spring.webflux.base-path}; behind Spring's forwarded-header handling the
 * {@code X-Forwarded-Prefix}): the page's script uses them as the browser sees them. Its
 * configuration (a JSON script element, {@code notp-config}) holds {@code startUrl},
 * {@code sessionUrl}, {@code refreshUrl} (also handed to scripts in
 * {@code window.descopeSession}), {@code rootUrl} (where the page goes should the login
 * answer no usable {@code redirectUrl}), {@code pollingIntervalMs} and the CSRF parameter
 * and token. Everything from the request or the configuration is escaped: HTML escaping
 * for the title and the remembered name, and {@code <} written as {@code \u003c} in the
 * JSON, so no value closes the script element.
 */
public final class NotpLoginPage {

	/** The {@code Content-Type} of the page. */
	public static final String CONTENT_TYPE = "text/html;charset=UTF-8";

	/**
	 * The {@code Cache-Control} of the page: it holds a CSRF token and the remembered
	 * user, so no cache may keep it.
	 */
	public static final String CACHE_CONTROL = "no-store";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String startUrl;

	private final String sessionUrl;

	private String refreshUrl = "/login/notp/refresh";

	private Duration pollingInterval = Duration.ofSeconds(1);

	private String title = "Sign in with WhatsApp";

	/**
	 * A page that talks to the given endpoints.
	 * @param startUrl the start endpoint, a path of the application, for example
	 * {@code /login/notp}
	 * @param sessionUrl the completion endpoint, for example {@code /login/notp/session}
	 */
	public NotpLoginPage(String startUrl, String sessionUrl) {
		Assert.hasText(startUrl, "startUrl must not be empty");
		Assert.hasText(sessionUrl, "sessionUrl must not be empty");
		this.startUrl = startUrl;
		this.sessionUrl = sessionUrl;
	}

	/**
	 * The refresh endpoint, handed to scripts with the tokens when the server keeps none.
	 * @param refreshUrl a path of the application; default {@code /login/notp/refresh}
	 */
	public void setRefreshUrl(String refreshUrl) {
		Assert.hasText(refreshUrl, "refreshUrl must not be empty");
		this.refreshUrl = refreshUrl;
	}

	/**
	 * The time between two polls of the completion endpoint.
	 * @param pollingInterval default 1 s
	 */
	public void setPollingInterval(Duration pollingInterval) {
		Assert.notNull(pollingInterval, "pollingInterval must not be null");
		this.pollingInterval = pollingInterval;
	}

	/**
	 * The page's title and heading.
	 * @param title default {@code Sign in with WhatsApp}
	 */
	public void setTitle(String title) {
		Assert.notNull(title, "title must not be null");
		this.title = title;
	}

	/**
	 * The page for one request.
	 * @param contextPath the request's context path, empty for none
	 * @param csrf the CSRF token to send with the form, or {@code null} where the chain
	 * has no CSRF protection
	 * @param lastUser the remembered user, or {@code null}
	 * @param loginError whether the request carries {@code ?error} (rendered by the
	 * server, unlike {@code ?logout}, so that a page without script shows it too)
	 * @return the HTML
	 */
	public String render(String contextPath, @Nullable Csrf csrf, @Nullable LastAuthenticatedUser lastUser,
			boolean loginError) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("startUrl", contextPath + this.startUrl);
		config.put("sessionUrl", contextPath + this.sessionUrl);
		config.put("refreshUrl", contextPath + this.refreshUrl);
		config.put("rootUrl", contextPath + "/");
		config.put("pollingIntervalMs", this.pollingInterval.toMillis());
		if (csrf != null) {
			config.put("csrfParameter", csrf.parameterName());
			config.put("csrfToken", csrf.token());
		}
		String lastUserHtml = "";
		if (lastUser != null) {
			String who = (lastUser.displayName() != null)
					? HtmlUtils.htmlEscape(lastUser.displayName()) + " (" + lastUser.maskedLoginId() + ")"
					: lastUser.maskedLoginId();
			lastUserHtml = "<button type=\"button\" id=\"last-user\" class=\"secondary\">Continue as " + who
					+ "</button><p class=\"hint\">or use another number:</p>";
		}
		String configJson = JSON.writeValueAsString(config).replace("<", "\\u003c");
		return PAGE.replace("{{title}}", HtmlUtils.htmlEscape(this.title))
			.replace("{{loginErrorHidden}}", loginError ? "" : " hidden")
			.replace("{{lastUser}}", lastUserHtml)
			.replace("{{config}}", configJson);
	}

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>{{title}}</title>
			<link rel="icon" href="data:,">
			<style>
			  *{box-sizing:border-box}
			  body{margin:0;padding:0 .75rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f8;color:#1c2430}
			  main{max-width:26rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
			  h1{font-size:1.4rem;margin:0 0 1rem}
			  label{display:block;font-weight:600;margin-bottom:.35rem}
			  input{width:100%;padding:.7rem;font-size:1rem;border:1px solid #9aa5b1;border-radius:8px}
			  input[aria-invalid=true]{border-color:#b00020}
			  .hint{font-size:.9rem;color:#52606d;margin:.35rem 0 1rem}
			  .error{color:#b00020;font-size:.95rem;margin:.35rem 0 1rem}
			  .notice{background:#e8f5ee;border-radius:8px;padding:.6rem .8rem;margin:0 0 1rem}
			  button,.button{display:block;width:100%;padding:.8rem;font-size:1rem;font-weight:600;border:0;border-radius:8px;
			    background:#128c4b;color:#fff;text-align:center;text-decoration:none;cursor:pointer;margin-top:.5rem}
			  button.secondary{background:#e4e7eb;color:#1c2430}
			  #qr img{display:block;width:15rem;height:15rem;max-width:100%;margin:0 auto 1rem;image-rendering:pixelated}
			  [hidden]{display:none!important}
			</style>
			</head>
			<body>
			<main>
			  <h1>{{title}}</h1>
			  <p id="signed-out" class="notice" role="status" hidden>You have been signed out.</p>
			  <p id="login-error" class="error" role="alert"{{loginErrorHidden}}>The login could not be completed. Please try again.</p>
			  <form id="start" novalidate>
			    {{lastUser}}
			    <label for="loginId">Phone number</label>
			    <input id="loginId" name="loginId" type="tel" autocomplete="tel" inputmode="tel"
			      placeholder="+1 555 010 0100" aria-describedby="loginId-hint loginId-error">
			    <p id="loginId-hint" class="hint">With the country code. Leave it empty to use the number you send the WhatsApp message from.</p>
			    <p id="loginId-error" class="error" role="alert" hidden></p>
			    <button type="submit" id="continue">Continue with WhatsApp</button>
			  </form>
			  <section id="qr" hidden aria-labelledby="qr-heading">
			    <h2 id="qr-heading" tabindex="-1" style="font-size:1.1rem">Send the WhatsApp message</h2>
			    <p class="hint">Scan the code with your phone's camera, or open WhatsApp on this device, and send the message it fills in. This page continues by itself once it arrives.</p>
			    <img id="qr-image" alt="QR code that opens WhatsApp with your login message">
			    <a id="whatsapp-link" class="button" href="#" target="_blank" rel="noopener noreferrer">Open WhatsApp</a>
			    <p id="status" class="hint" role="status" aria-live="polite">Waiting for your WhatsApp message…</p>
			    <button type="button" id="cancel" class="secondary">Use another number</button>
			  </section>
			  <section id="failed" hidden>
			    <p id="failed-message" class="error" role="alert"></p>
			    <button type="button" id="retry" class="secondary">Try again</button>
			  </section>
			</main>
			<script type="application/json" id="notp-config">{{config}}</script>
			<script>
			(function () {
			  var cfg = JSON.parse(document.getElementById('notp-config').textContent);
			  var $ = function (id) { return document.getElementById(id); };
			  var pendingRef = null, timer = null;
			  function form(data) {
			    var body = new URLSearchParams(data);
			    if (cfg.csrfParameter) body.append(cfg.csrfParameter, cfg.csrfToken);
			    return body;
			  }
			  function post(url, data) {
			    return fetch(url, { method: 'POST', body: form(data), credentials: 'same-origin',
			      headers: { 'Accept': 'application/json' } }).then(function (r) {
			      return r.text().then(function (t) {
			        var json = {}; try { json = t ? JSON.parse(t) : {}; } catch (e) { json = {}; }
			        return { status: r.status, retryAfter: Number(r.headers.get('Retry-After')) || 0, body: json };
			      });
			    });
			  }
			  function show(id) { ['start', 'qr', 'failed'].forEach(function (s) { $(s).hidden = (s !== id); }); }
			  function fieldError(message) {
			    $('loginId-error').textContent = message; $('loginId-error').hidden = !message;
			    $('loginId').setAttribute('aria-invalid', message ? 'true' : 'false');
			  }
			  function fail(message) { clearTimeout(timer); pendingRef = null; $('failed-message').textContent = message; show('failed'); $('retry').focus(); }
			  if (/(^|[?&])logout(&|=|$)/.test(window.location.search.substring(1))) { $('signed-out').hidden = false; }
			  function mime(b64) { return b64.indexOf('/9j/') === 0 ? 'image/jpeg' : b64.indexOf('R0lGOD') === 0 ? 'image/gif' : 'image/png'; }
			  function poll() {
			    post(cfg.sessionUrl, { pendingRef: pendingRef }).then(function (res) {
			      if (res.status === 202) { timer = setTimeout(poll, cfg.pollingIntervalMs); return; }
			      if (res.status === 200 && res.body.sessionJwt) {
			        window.descopeSession = { sessionJwt: res.body.sessionJwt, refreshJwt: res.body.refreshJwt, refreshUrl: cfg.refreshUrl };
			        $('status').textContent = 'Signed in. This application keeps no session: its API takes the session token as a bearer token.';
			        $('cancel').hidden = true; $('whatsapp-link').hidden = true;
			        return;
			      }
			      if (res.status === 200) {
			        $('status').textContent = 'Signed in. Taking you back…';
			        var target = res.body.redirectUrl;
			        window.location.assign(typeof target === 'string' && target.charAt(0) === '/' && target.charAt(1) !== '/' && target.charAt(1) !== '\\\\' ? target : cfg.rootUrl);
			        return;
			      }
			      if (res.status === 429 || res.status === 503) {
			        timer = setTimeout(poll, Math.max(cfg.pollingIntervalMs, res.retryAfter * 1000)); return;
			      }
			      fail(res.status === 401 ? 'This login expired or was not confirmed. Please try again.' : (res.body.detail || 'Login failed. Please try again.'));
			    }, function () { timer = setTimeout(poll, cfg.pollingIntervalMs * 2); });
			  }
			  function start(data) {
			    fieldError('');
			    $('continue').disabled = true;
			    post(cfg.startUrl, data).then(function (res) {
			      $('continue').disabled = false;
			      if (res.status === 200 && res.body.pendingRef) {
			        pendingRef = res.body.pendingRef;
			        if (res.body.image) { $('qr-image').src = 'data:' + mime(res.body.image) + ';base64,' + res.body.image; $('qr-image').hidden = false; }
			        else { $('qr-image').hidden = true; }
			        var link = res.body.redirectUrl;
			        if (typeof link === 'string' && /^https?:\\/\\//i.test(link)) { $('whatsapp-link').href = link; $('whatsapp-link').hidden = false; }
			        else { $('whatsapp-link').hidden = true; }
			        show('qr'); $('qr-heading').focus(); timer = setTimeout(poll, cfg.pollingIntervalMs);
			      } else if (res.status === 400 && res.body.field === 'loginId') {
			        fieldError('Enter your phone number with its country code, such as +1 555 010 0100, or leave it empty.'); $('loginId').focus();
			      } else {
			        fail(res.body.detail || 'Could not start the login. Please try again.');
			      }
			    }, function () { $('continue').disabled = false; fail('The server could not be reached. Please try again.'); });
			  }
			  $('start').addEventListener('submit', function (event) { event.preventDefault(); start({ loginId: $('loginId').value }); });
			  if ($('last-user')) { $('last-user').addEventListener('click', function () { start({ lastUser: 'true', method: 'sign-in' }); }); }
			  function restart() { clearTimeout(timer); pendingRef = null; show('start'); $('loginId').focus(); }
			  $('retry').addEventListener('click', restart);
			  $('cancel').addEventListener('click', restart);
			})();
			</script>
			</body>
			</html>
			""";

	/**
	 * The CSRF token the page sends as a form parameter, whichever stack's token type it
	 * comes from.
	 *
	 * @param parameterName the form parameter, for example {@code _csrf}
	 * @param token the token's value
	 */
	public record Csrf(String parameterName, String token) {

		@Override
		public String toString() {
			return "Csrf[parameterName=" + this.parameterName + "]";
		}

	}

}
