package org.misalignment.dashboard.render.share;

/**
 * What {@link EmbedController} asks of the page it forwards to, kept in a request
 * attribute: which chart, in which form and look. {@link EmbedInterceptor} reads it when
 * the page's handler has built its model.
 *
 * @param etag the image's entity tag, null for an embed page
 */
record EmbedRequest(ChartAddress address, Theme theme, int width, int height, int scale, String etag) {

	static final String ATTRIBUTE = EmbedRequest.class.getName();

}
