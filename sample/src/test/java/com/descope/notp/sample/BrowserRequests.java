package com.descope.notp.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers Chrome sends for each kind of request, so that tests can send what a
 * browser sends: a navigation to a page, an HTML form submitted without script, and the
 * requests that are not navigations (a script's {@code fetch}, an {@code XMLHttpRequest},
 * a style sheet, an icon, a page in a frame, the DevTools probe).
 */
final class BrowserRequests {

	/** Chrome's {@code Accept} for a page. */
	static final String PAGE_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
			+ "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

	/** A link followed or an address typed. */
	static final Map<String, String> NAVIGATION = Map.of("Accept", PAGE_ACCEPT, "Sec-Fetch-Mode", "navigate",
			"Sec-Fetch-Dest", "document", "Sec-Fetch-Site", "none", "Sec-Fetch-User", "?1", "Upgrade-Insecure-Requests",
			"1");

	/** An HTML form submitted by a page of the application, without script. */
	static final Map<String, String> FORM_SUBMISSION = Map.of("Accept", PAGE_ACCEPT, "Sec-Fetch-Mode", "navigate",
			"Sec-Fetch-Dest", "document", "Sec-Fetch-Site", "same-origin", "Sec-Fetch-User", "?1");

	/**
	 * Requests a browser makes that are not navigations, by what they are, each with the
	 * path it asks for and its headers.
	 */
	static final Map<String, Request> NOT_NAVIGATIONS;

	static {
		Map<String, Request> requests = new LinkedHashMap<>();
		requests.put("Chrome DevTools' probe",
				new Request("/.well-known/appspecific/com.chrome.devtools.json", Map.of("Accept", "*/*")));
		requests.put("fetch('/api/me')", new Request("/api/me", Map.of("Accept", "*/*", "Sec-Fetch-Mode", "cors",
				"Sec-Fetch-Dest", "empty", "Sec-Fetch-Site", "same-origin")));
		requests.put("a style sheet", new Request("/css/app.css", Map.of("Accept", "text/css,*/*;q=0.1",
				"Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "style", "Sec-Fetch-Site", "same-origin")));
		requests.put("an icon",
				new Request("/apple-touch-icon.png",
						Map.of("Accept", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
								"Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "image", "Sec-Fetch-Site",
								"same-origin")));
		requests.put("a fetch asking for HTML", new Request("/api/sensitive", Map.of("Accept", "text/html",
				"Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty", "Sec-Fetch-Site", "same-origin")));
		requests.put("an XMLHttpRequest of jQuery", new Request("/api/sensitive",
				Map.of("Accept", "text/html, */*; q=0.01", "X-Requested-With", "XMLHttpRequest")));
		requests.put("a page in a frame", new Request("/api/admin", Map.of("Accept", PAGE_ACCEPT, "Sec-Fetch-Mode",
				"navigate", "Sec-Fetch-Dest", "iframe", "Sec-Fetch-Site", "same-origin")));
		NOT_NAVIGATIONS = Collections.unmodifiableMap(requests);
	}

	private BrowserRequests() {
	}

	/**
	 * A request: a path of the application and the headers the browser sends with it.
	 */
	record Request(String path, Map<String, String> headers) {
	}

}
