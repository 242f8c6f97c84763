package org.misalignment.dashboard.importing;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body written into a file as it arrives, hashed on the way, and cut off as
 * soon as it grows past the size it may have. Called from the HTTP client's threads; the
 * downloading thread reads its progress and may cancel it.
 */
final class ReceivedBody implements HttpResponse.BodySubscriber<Void> {

	private final Path file;

	private final long limit;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private final MessageDigest digest;

	private FileChannel channel;

	private Flow.Subscription subscription;

	private volatile long bytes;

	private volatile long lastActivity = System.nanoTime();

	private volatile long declaredLength = -1;

	/** The body was larger than allowed; the download stopped there. */
	static final class TooLarge extends IOException {

		TooLarge() {
			super("too large", null);
		}

	}

	ReceivedBody(Path file, long limit) {
		this.file = file;
		this.limit = limit;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The response's Content-Length, when it has one. */
	void declared(long length) {
		this.declaredLength = length;
	}

	long declaredLength() {
		return this.declaredLength;
	}

	long bytes() {
		return this.bytes;
	}

	/** When the server last sent something ({@link System#nanoTime()}). */
	long lastActivity() {
		return this.lastActivity;
	}

	String sha256() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

	@Override
	public synchronized void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		this.lastActivity = System.nanoTime();
		if (this.declaredLength > this.limit) {
			fail(new TooLarge());
			return;
		}
		try {
			this.channel = FileChannel.open(this.file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
		}
		catch (IOException ex) {
			fail(ex);
			return;
		}
		subscription.request(1);
	}

	@Override
	public synchronized void onNext(List<ByteBuffer> buffers) {
		if (this.done.isDone()) {
			return;
		}
		this.lastActivity = System.nanoTime();
		try {
			for (ByteBuffer buffer : buffers) {
				// stop reading once past the size: a server may send forever
				if (this.bytes + buffer.remaining() > this.limit) {
					fail(new TooLarge());
					return;
				}
				this.bytes += buffer.remaining();
				this.digest.update(buffer.duplicate());
				while (buffer.hasRemaining()) {
					this.channel.write(buffer);
				}
			}
		}
		catch (IOException ex) {
			fail(ex);
			return;
		}
		this.subscription.request(1);
	}

	@Override
	public synchronized void onError(Throwable error) {
		close();
		this.done.completeExceptionally(error);
	}

	@Override
	public synchronized void onComplete() {
		try {
			if (this.channel != null) {
				this.channel.force(false);
			}
		}
		catch (IOException ex) {
			fail(ex);
			return;
		}
		close();
		this.done.complete(null);
	}

	@Override
	public CompletionStage<Void> getBody() {
		return this.done;
	}

	/** Stops receiving (the download failed or was cancelled) and closes the file. */
	synchronized void cancel() {
		if (this.subscription != null) {
			this.subscription.cancel();
		}
		close();
		this.done.cancel(false);
	}

	private void fail(Exception ex) {
		if (this.subscription != null) {
			this.subscription.cancel();
		}
		close();
		this.done.completeExceptionally(ex);
	}

	private void close() {
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// the file is deleted with the failed download
			}
			this.channel = null;
		}
	}

}
