package io.httplib;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP status codes as int constants, and {@link #RESPONSES}, the map from code to reason phrase,
 * as in Python's {@code http.client} (httplib's table, CONTINUE through NOT_EXTENDED) plus the
 * codes registered since (RFC 9110 and later).
 */
public final class HTTPStatus {
    private HTTPStatus() {}

    /** 100 Continue. */
    public static final int CONTINUE = 100;
    /** 101 Switching Protocols. */
    public static final int SWITCHING_PROTOCOLS = 101;
    /** 102 Processing. */
    public static final int PROCESSING = 102;
    /** 103 Early Hints. */
    public static final int EARLY_HINTS = 103;
    /** 200 OK. */
    public static final int OK = 200;
    /** 201 Created. */
    public static final int CREATED = 201;
    /** 202 Accepted. */
    public static final int ACCEPTED = 202;
    /** 203 Non-Authoritative Information. */
    public static final int NON_AUTHORITATIVE_INFORMATION = 203;
    /** 204 No Content. */
    public static final int NO_CONTENT = 204;
    /** 205 Reset Content. */
    public static final int RESET_CONTENT = 205;
    /** 206 Partial Content. */
    public static final int PARTIAL_CONTENT = 206;
    /** 207 Multi-Status. */
    public static final int MULTI_STATUS = 207;
    /** 208 Already Reported. */
    public static final int ALREADY_REPORTED = 208;
    /** 226 IM Used. */
    public static final int IM_USED = 226;
    /** 300 Multiple Choices. */
    public static final int MULTIPLE_CHOICES = 300;
    /** 301 Moved Permanently. */
    public static final int MOVED_PERMANENTLY = 301;
    /** 302 Found. */
    public static final int FOUND = 302;
    /** 303 See Other. */
    public static final int SEE_OTHER = 303;
    /** 304 Not Modified. */
    public static final int NOT_MODIFIED = 304;
    /** 305 Use Proxy. */
    public static final int USE_PROXY = 305;
    /** 307 Temporary Redirect. */
    public static final int TEMPORARY_REDIRECT = 307;
    /** 308 Permanent Redirect. */
    public static final int PERMANENT_REDIRECT = 308;
    /** 400 Bad Request. */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized. */
    public static final int UNAUTHORIZED = 401;
    /** 402 Payment Required. */
    public static final int PAYMENT_REQUIRED = 402;
    /** 403 Forbidden. */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found. */
    public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed. */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 406 Not Acceptable. */
    public static final int NOT_ACCEPTABLE = 406;
    /** 407 Proxy Authentication Required. */
    public static final int PROXY_AUTHENTICATION_REQUIRED = 407;
    /** 408 Request Timeout. */
    public static final int REQUEST_TIMEOUT = 408;
    /** 409 Conflict. */
    public static final int CONFLICT = 409;
    /** 410 Gone. */
    public static final int GONE = 410;
    /** 411 Length Required. */
    public static final int LENGTH_REQUIRED = 411;
    /** 412 Precondition Failed. */
    public static final int PRECONDITION_FAILED = 412;
    /** 413 Request Entity Too Large. */
    public static final int REQUEST_ENTITY_TOO_LARGE = 413;
    /** 414 Request-URI Too Long. */
    public static final int REQUEST_URI_TOO_LONG = 414;
    /** 415 Unsupported Media Type. */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** 416 Requested Range Not Satisfiable. */
    public static final int REQUESTED_RANGE_NOT_SATISFIABLE = 416;
    /** 417 Expectation Failed. */
    public static final int EXPECTATION_FAILED = 417;
    /** 418 I'm a Teapot. */
    public static final int IM_A_TEAPOT = 418;
    /** 421 Misdirected Request. */
    public static final int MISDIRECTED_REQUEST = 421;
    /** 422 Unprocessable Content. */
    public static final int UNPROCESSABLE_ENTITY = 422;
    /** 423 Locked. */
    public static final int LOCKED = 423;
    /** 424 Failed Dependency. */
    public static final int FAILED_DEPENDENCY = 424;
    /** 425 Too Early. */
    public static final int TOO_EARLY = 425;
    /** 426 Upgrade Required. */
    public static final int UPGRADE_REQUIRED = 426;
    /** 428 Precondition Required. */
    public static final int PRECONDITION_REQUIRED = 428;
    /** 429 Too Many Requests. */
    public static final int TOO_MANY_REQUESTS = 429;
    /** 431 Request Header Fields Too Large. */
    public static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
    /** 451 Unavailable For Legal Reasons. */
    public static final int UNAVAILABLE_FOR_LEGAL_REASONS = 451;
    /** 500 Internal Server Error. */
    public static final int INTERNAL_SERVER_ERROR = 500;
    /** 501 Not Implemented. */
    public static final int NOT_IMPLEMENTED = 501;
    /** 502 Bad Gateway. */
    public static final int BAD_GATEWAY = 502;
    /** 503 Service Unavailable. */
    public static final int SERVICE_UNAVAILABLE = 503;
    /** 504 Gateway Timeout. */
    public static final int GATEWAY_TIMEOUT = 504;
    /** 505 HTTP Version Not Supported. */
    public static final int HTTP_VERSION_NOT_SUPPORTED = 505;
    /** 506 Variant Also Negotiates. */
    public static final int VARIANT_ALSO_NEGOTIATES = 506;
    /** 507 Insufficient Storage. */
    public static final int INSUFFICIENT_STORAGE = 507;
    /** 508 Loop Detected. */
    public static final int LOOP_DETECTED = 508;
    /** 510 Not Extended. */
    public static final int NOT_EXTENDED = 510;
    /** 511 Network Authentication Required. */
    public static final int NETWORK_AUTHENTICATION_REQUIRED = 511;

    /** Reason phrase for every constant above, in code order; unmodifiable. */
    public static final Map<Integer, String> RESPONSES;

    static {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(CONTINUE, "Continue");
        m.put(SWITCHING_PROTOCOLS, "Switching Protocols");
        m.put(PROCESSING, "Processing");
        m.put(EARLY_HINTS, "Early Hints");
        m.put(OK, "OK");
        m.put(CREATED, "Created");
        m.put(ACCEPTED, "Accepted");
        m.put(NON_AUTHORITATIVE_INFORMATION, "Non-Authoritative Information");
        m.put(NO_CONTENT, "No Content");
        m.put(RESET_CONTENT, "Reset Content");
        m.put(PARTIAL_CONTENT, "Partial Content");
        m.put(MULTI_STATUS, "Multi-Status");
        m.put(ALREADY_REPORTED, "Already Reported");
        m.put(IM_USED, "IM Used");
        m.put(MULTIPLE_CHOICES, "Multiple Choices");
        m.put(MOVED_PERMANENTLY, "Moved Permanently");
        m.put(FOUND, "Found");
        m.put(SEE_OTHER, "See Other");
        m.put(NOT_MODIFIED, "Not Modified");
        m.put(USE_PROXY, "Use Proxy");
        m.put(TEMPORARY_REDIRECT, "Temporary Redirect");
        m.put(PERMANENT_REDIRECT, "Permanent Redirect");
        m.put(BAD_REQUEST, "Bad Request");
        m.put(UNAUTHORIZED, "Unauthorized");
        m.put(PAYMENT_REQUIRED, "Payment Required");
        m.put(FORBIDDEN, "Forbidden");
        m.put(NOT_FOUND, "Not Found");
        m.put(METHOD_NOT_ALLOWED, "Method Not Allowed");
        m.put(NOT_ACCEPTABLE, "Not Acceptable");
        m.put(PROXY_AUTHENTICATION_REQUIRED, "Proxy Authentication Required");
        m.put(REQUEST_TIMEOUT, "Request Timeout");
        m.put(CONFLICT, "Conflict");
        m.put(GONE, "Gone");
        m.put(LENGTH_REQUIRED, "Length Required");
        m.put(PRECONDITION_FAILED, "Precondition Failed");
        m.put(REQUEST_ENTITY_TOO_LARGE, "Request Entity Too Large");
        m.put(REQUEST_URI_TOO_LONG, "Request-URI Too Long");
        m.put(UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
        m.put(REQUESTED_RANGE_NOT_SATISFIABLE, "Requested Range Not Satisfiable");
        m.put(EXPECTATION_FAILED, "Expectation Failed");
        m.put(IM_A_TEAPOT, "I'm a Teapot");
        m.put(MISDIRECTED_REQUEST, "Misdirected Request");
        m.put(UNPROCESSABLE_ENTITY, "Unprocessable Content");
        m.put(LOCKED, "Locked");
        m.put(FAILED_DEPENDENCY, "Failed Dependency");
        m.put(TOO_EARLY, "Too Early");
        m.put(UPGRADE_REQUIRED, "Upgrade Required");
        m.put(PRECONDITION_REQUIRED, "Precondition Required");
        m.put(TOO_MANY_REQUESTS, "Too Many Requests");
        m.put(REQUEST_HEADER_FIELDS_TOO_LARGE, "Request Header Fields Too Large");
        m.put(UNAVAILABLE_FOR_LEGAL_REASONS, "Unavailable For Legal Reasons");
        m.put(INTERNAL_SERVER_ERROR, "Internal Server Error");
        m.put(NOT_IMPLEMENTED, "Not Implemented");
        m.put(BAD_GATEWAY, "Bad Gateway");
        m.put(SERVICE_UNAVAILABLE, "Service Unavailable");
        m.put(GATEWAY_TIMEOUT, "Gateway Timeout");
        m.put(HTTP_VERSION_NOT_SUPPORTED, "HTTP Version Not Supported");
        m.put(VARIANT_ALSO_NEGOTIATES, "Variant Also Negotiates");
        m.put(INSUFFICIENT_STORAGE, "Insufficient Storage");
        m.put(LOOP_DETECTED, "Loop Detected");
        m.put(NOT_EXTENDED, "Not Extended");
        m.put(NETWORK_AUTHENTICATION_REQUIRED, "Network Authentication Required");
        RESPONSES = Collections.unmodifiableMap(m);
    }

    /**
     * @param code a status code
     * @return its registered reason phrase, or an empty string for an unregistered code
     */
    public static String reason(int code) {
        return RESPONSES.getOrDefault(code, "");
    }

    /**
     * @param code a status code
     * @return true for 1xx codes
     */
    public static boolean isInformational(int code) {
        return code >= 100 && code < 200;
    }
}
