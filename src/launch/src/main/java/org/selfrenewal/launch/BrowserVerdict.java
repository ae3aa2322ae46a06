package org.selfrenewal.launch;

/**
 * What the compatibility table says about one browser.
 *
 * @param family      the detected browser
 * @param browserName how the page names it ("Google Chrome")
 * @param variant     which page it gets
 * @param guidance    what to do instead (empty for supported browsers)
 */
public record BrowserVerdict(BrowserFamily family, String browserName, PageVariant variant, String guidance) {}
