package org.selfrenewal.launch;

/**
 * A page ready to send.
 *
 * @param status  the HTTP status
 * @param variant the variant shown, or {@code null} for the service information page
 * @param html    the page
 */
public record RenderedPage(int status, PageVariant variant, Markup html) {}
