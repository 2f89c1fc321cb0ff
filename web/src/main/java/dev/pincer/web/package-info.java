/**
 * The local web chat and JSON API (docs/DESIGN.md section 10).
 *
 * <p>Public surface: {@link dev.pincer.web.WebFrontend} (the {@code Frontend} that {@code host.app}
 * finds with {@link java.util.ServiceLoader}; it starts the rest), {@link dev.pincer.web.WebServer}
 * (the HTTP server), {@link dev.pincer.web.WebChannel} (the {@code web:} channel the host starts and
 * delivers to) and {@link dev.pincer.web.WebToken} (the bearer token). Everything else is package-private: a
 * {@code Dispatcher} guards every request ({@code Guard}: origin, then token or the page's
 * {@code Session} cookie) and hands it to a
 * {@code Route}; {@code MessagesApi}, {@code GroupsApi}, {@code EventStream} and {@code Page}
 * answer with a sealed {@code Reply}; refusals are {@code HttpError}s rendered as
 * {@code {"error":"reason"}} before anything is stored. May depend on {@code host} ({@code app},
 * {@code channel}, {@code store}, {@code groups}, {@code events}, {@code config}), never the other
 * way round.
 */
package dev.pincer.web;
