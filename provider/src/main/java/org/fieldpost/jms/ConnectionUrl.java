package org.fieldpost.jms;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed connection URL: {@code amqp://user:pass@host:port/vhost?options}, {@code amqps://...} or
 * {@code vm://NAME?options}.
 *
 * <p>The virtual host is the URL-decoded path without its leading slash ({@code /} when the path is
 * empty or a single slash, so {@code amqp://h/%2F} and {@code amqp://h} both mean {@code /}). The
 * port defaults to 5672 ({@code amqp}) or 5671 ({@code amqps}). Options are URL-decoded.
 *
 * @param scheme {@code amqp}, {@code amqps} or {@code vm}
 * @param host the host, or the broker name for {@code vm}
 * @param port the port (0 for {@code vm})
 * @param virtualHost the virtual host
 * @param user the user from the URL, or {@code null}
 * @param password the password from the URL, or {@code null}
 * @param options the query options, unmodifiable
 */
record ConnectionUrl(String scheme, String host, int port, String virtualHost, String user, String password,
    Map<String, String> options) {

    static final String CLIENT_ID = "clientId";
    static final String PREFETCH = "prefetch";
    static final String HEARTBEAT = "heartbeat";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String SEND_TIMEOUT = "sendTimeout";
    static final String CLOSE_TIMEOUT = "closeTimeout";
    static final String TRUST_STORE = "trustStore";
    static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    static final String TRUST_STORE_TYPE = "trustStoreType";
    static final String KEY_STORE = "keyStore";
    static final String KEY_STORE_PASSWORD = "keyStorePassword";
    static final String KEY_STORE_TYPE = "keyStoreType";
    static final String VERIFY_HOST = "verifyHost";

    /** The prefetch window per consumer when the URL does not say. */
    static final int DEFAULT_PREFETCH = 1000;

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    static ConnectionUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no connection URL");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed connection URL " + url + ": " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Map<String, String> options = parseQuery(uri.getRawQuery());
        if (scheme.equals("vm")) {
            String name = uri.getAuthority() != null ? uri.getAuthority() : uri.getSchemeSpecificPart();
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("vm:// URL without a broker name: " + url);
            }
            return new ConnectionUrl(scheme, decode(name), 0, "/", null, null, options);
        }
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw new IllegalArgumentException("unsupported URL scheme '" + scheme + "' in " + url
                + " (amqp://, amqps:// or vm://)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in connection URL " + url);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("amqps") ? 5671 : 5672;
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String path = uri.getRawPath();
        String vhost = path == null || path.isEmpty() || path.equals("/") ? "/" : decode(path.substring(1));
        return new ConnectionUrl(scheme, uri.getHost(), port, vhost, user, password, options);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                options.put(decode(eq < 0 ? pair : pair.substring(0, eq)), value);
            }
        }
        return Collections.unmodifiableMap(options);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    boolean isVm() {
        return scheme.equals("vm");
    }

    boolean isTls() {
        return scheme.equals("amqps");
    }

    String option(String name) {
        return options.get(name);
    }

    /**
     * An integer option, or {@code defaultValue} when absent.
     *
     * @throws IllegalArgumentException if present but not an integer
     */
    long longOption(String name, long defaultValue) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + "=" + value + " is not a number");
        }
    }

    /**
     * A boolean option ({@code true} or {@code false}, any case), or {@code defaultValue} when absent.
     *
     * @throws IllegalArgumentException if present but neither
     */
    boolean booleanOption(String name, boolean defaultValue) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.trim());
        }
        throw new IllegalArgumentException("option " + name + "=" + value + " is neither true nor false");
    }

    /** The URL without its password, nor the values of options whose name mentions a password. */
    @Override
    public String toString() {
        StringBuilder query = new StringBuilder();
        options.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
            .append(name.toLowerCase(Locale.ROOT).contains("password") ? "***" : value));
        return scheme + "://" + (user != null ? user + "@" : "") + host + (port > 0 ? ":" + port : "")
            + (isVm() ? "" : "/" + virtualHost) + query;
    }
}
