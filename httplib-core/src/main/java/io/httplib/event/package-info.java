/** The event listener SPI: callbacks for each phase of a call, for metrics and tracing. */
package io.httplib.event;
