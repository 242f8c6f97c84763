package org.misalignment.dashboard.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Slows down password guessing: after {@link #ACCOUNT_FAILURES} wrong passwords for one
 * name, or {@link #ADDRESS_FAILURES} from one client address (any names), within
 * {@link #WINDOW}, sign-ins for that name, or from that address, are refused for
 * {@link #LOCK} from the last failure, even with the right password, and the login page
 * says so and for how long. A sign-in that succeeds clears its name's failures. Failures
 * are counted for the login form and for HTTP Basic alike (the events Spring Security
 * publishes for both), in memory, per instance, for at most {@link #TRACKED} names and
 * addresses each.
 */
class LoginThrottle {

	static final int ACCOUNT_FAILURES = 5;

	static final int ADDRESS_FAILURES = 20;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration LOCK = Duration.ofMinutes(15);

	static final int TRACKED = 10_000;

	private final Clock clock;

	private final Cache<String, Failures> accounts;

	private final Cache<String, Failures> addresses;

	LoginThrottle(Clock clock) {
		this.clock = clock;
		this.accounts = Caffeine.newBuilder().maximumSize(TRACKED).expireAfterAccess(WINDOW.plus(LOCK)).build();
		this.addresses = Caffeine.newBuilder().maximumSize(TRACKED).expireAfterAccess(WINDOW.plus(LOCK)).build();
	}

	/**
	 * Why and for how long sign-ins of this name from this address are refused, if they
	 * are.
	 */
	Optional<Lock> locked(String account, String address) {
		Instant now = this.clock.instant();
		Optional<Duration> byAccount = remaining(this.accounts, key(account), now);
		if (byAccount.isPresent()) {
			return Optional.of(new Lock("this name", byAccount.get()));
		}
		return remaining(this.addresses, address, now).map((left) -> new Lock("your address", left));
	}

	/** A refusal: for what ("this name" or "your address") and how much longer. */
	record Lock(String what, Duration left) {

		/** Whole minutes left, at least one. */
		long minutes() {
			return Math.max(1, (this.left.toSeconds() + 59) / 60);
		}

		String message() {
			return "Too many wrong passwords for " + this.what + ": signing in is paused for " + minutes()
					+ (minutes() == 1 ? " minute" : " minutes") + ".";
		}

	}

	void failed(String account, String address) {
		Instant now = this.clock.instant();
		if (account != null) {
			this.accounts.get(key(account), (k) -> new Failures()).add(now, ACCOUNT_FAILURES);
		}
		if (address != null) {
			this.addresses.get(address, (k) -> new Failures()).add(now, ADDRESS_FAILURES);
		}
	}

	void succeeded(String account) {
		if (account != null) {
			this.accounts.invalidate(key(account));
		}
	}

	@EventListener
	void onFailure(AuthenticationFailureBadCredentialsEvent event) {
		failed(event.getAuthentication().getName(), address(event.getAuthentication()));
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		succeeded(event.getAuthentication().getName());
	}

	private static String address(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

	private static String key(String account) {
		return (account == null) ? "" : account.strip();
	}

	private static Optional<Duration> remaining(Cache<String, Failures> cache, String key, Instant now) {
		Failures failures = (key == null) ? null : cache.getIfPresent(key);
		return (failures == null) ? Optional.empty() : failures.lockedFor(now);
	}

	/** The failures of one name or address in the current window, and its lock. */
	private static final class Failures {

		private Instant windowStart;

		private int count;

		private Instant lockedUntil;

		synchronized void add(Instant now, int limit) {
			if (this.lockedUntil != null && now.isBefore(this.lockedUntil)) {
				return; // refused attempts while locked do not lengthen the lock
			}
			if (this.windowStart == null || now.isAfter(this.windowStart.plus(WINDOW))) {
				this.windowStart = now;
				this.count = 0;
			}
			if (++this.count >= limit) {
				this.lockedUntil = now.plus(LOCK);
				this.windowStart = null;
				this.count = 0;
			}
		}

		synchronized Optional<Duration> lockedFor(Instant now) {
			return (this.lockedUntil != null && now.isBefore(this.lockedUntil))
					? Optional.of(Duration.between(now, this.lockedUntil)) : Optional.empty();
		}

	}

}
