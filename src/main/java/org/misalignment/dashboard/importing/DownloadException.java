package org.misalignment.dashboard.importing;

import java.io.IOException;

/**
 * A file could not be downloaded, or what came is not the file meant: one line naming the
 * URL and the problem. Nothing of the download is kept.
 */
public class DownloadException extends IOException {

	DownloadException(String url, String problem) {
		super("could not download " + url + ": " + problem);
	}

}
