package com.descope.notp.jwt;

import org.springframework.util.Assert;

/**
 * Decides whether a cache admits an entry: only at the entry's second sighting. A token
 * sent once (a client that never comes back, a load of one-off tokens) is then never
 * inserted, so it costs the cache no insert, no eviction of an entry that might have been
 * used again, and the heap no object kept until it is evicted; a token sent again is
 * cached from its second use on.
 * <p>
 * Remembers one hash code per slot, {@code capacity} rounded up to a power of two slots
 * (4 bytes each: 64 KB for 10,000). It only ever delays or advances an admission, never
 * decides what a cache answers: the cache's own key is still compared in full. Two
 * entries whose hash codes share a slot may push each other out (each is then admitted at
 * a later sighting), and two whose hash codes are equal admit each other at the first
 * sighting (as without this class). Not synchronized: a race between threads can only
 * have the same effects. Callers pass hash codes that a client cannot choose freely (of a
 * verified token, or an object's identity), so no one can keep a token out of a cache.
 */
public final class SecondSightingAdmission {

	private final int[] seen;

	private final int mask;

	/**
	 * An admission with at least {@code capacity} slots.
	 * @param capacity the entries remembered at most, for example the cache's bound; must
	 * be positive; rounded up to a power of two, at most 2<sup>30</sup>
	 */
	public SecondSightingAdmission(int capacity) {
		Assert.isTrue(capacity > 0, "capacity must be positive");
		int slots = (capacity >= (1 << 30)) ? (1 << 30) : Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
		this.seen = new int[slots];
		this.mask = slots - 1;
	}

	/**
	 * Records a sighting of the entry of this hash code and tells whether it is the
	 * second one in a row of its slot.
	 * @param hash the entry's hash code
	 * @return {@code true} to admit the entry (it was seen before and its slot still
	 * remembers it, as it does until another entry's sighting takes the slot),
	 * {@code false} for a first sighting (now remembered)
	 */
	public boolean admit(int hash) {
		// the low bit set, so that an empty slot (0) never matches
		int mark = hash | 1;
		int slot = (hash ^ (hash >>> 16)) & this.mask;
		if (this.seen[slot] == mark) {
			return true;
		}
		this.seen[slot] = mark;
		return false;
	}

}
