package com.descope.notp.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ScheduledExecutorService} on a virtual clock that only moves when a test calls
 * {@link #advanceBy(Duration)}: due tasks then run on the test's thread, in the order of
 * their due time, and tasks due at the same time in the order they were scheduled. So a
 * test decides exactly what has happened between two polls instead of sleeping and
 * hoping.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final AtomicLong sequence = new AtomicLong();

	private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(
			Comparator.<Task<?>>comparingLong((task) -> task.dueNanos).thenComparingLong((task) -> task.sequence));

	private long nowNanos;

	private boolean shutdown;

	/**
	 * Moves the clock and runs every task that falls due, including those scheduled by
	 * tasks run on the way.
	 * @param duration how far to move
	 */
	void advanceBy(Duration duration) {
		long target;
		synchronized (this) {
			target = this.nowNanos + duration.toNanos();
		}
		while (true) {
			Task<?> next;
			synchronized (this) {
				next = this.queue.peek();
				if (next == null || next.dueNanos > target) {
					this.nowNanos = target;
					return;
				}
				this.queue.poll();
				this.nowNanos = next.dueNanos;
			}
			next.run();
		}
	}

	/**
	 * The tasks waiting to run.
	 * @return how many
	 */
	synchronized int pending() {
		return this.queue.size();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return schedule(() -> {
			command.run();
			return null;
		}, delay, unit);
	}

	@Override
	public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		if (this.shutdown) {
			throw new RejectedExecutionException("shut down");
		}
		Task<V> task = new Task<>(callable, this.nowNanos + unit.toNanos(Math.max(0, delay)),
				this.sequence.getAndIncrement());
		this.queue.add(task);
		return task;
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void execute(Runnable command) {
		schedule(command, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public synchronized void shutdown() {
		this.shutdown = true;
	}

	@Override
	public synchronized List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> left = new ArrayList<>(this.queue);
		this.queue.clear();
		return left;
	}

	@Override
	public synchronized boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public synchronized boolean isTerminated() {
		return this.shutdown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return isTerminated();
	}

	private synchronized long now() {
		return this.nowNanos;
	}

	private synchronized void remove(Task<?> task) {
		this.queue.remove(task);
	}

	private final class Task<V> implements ScheduledFuture<V>, Runnable {

		private final Callable<V> callable;

		private final long dueNanos;

		private final long sequence;

		private volatile boolean cancelled;

		private volatile boolean done;

		private volatile V value;

		Task(Callable<V> callable, long dueNanos, long sequence) {
			this.callable = callable;
			this.dueNanos = dueNanos;
			this.sequence = sequence;
		}

		@Override
		public void run() {
			if (this.cancelled) {
				return;
			}
			try {
				this.value = this.callable.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				this.done = true;
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.dueNanos - now(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			if (this.done) {
				return false;
			}
			this.cancelled = true;
			remove(this);
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.done || this.cancelled;
		}

		@Override
		public V get() throws ExecutionException {
			if (!isDone()) {
				throw new IllegalStateException("not run yet: advance the scheduler");
			}
			return this.value;
		}

		@Override
		public V get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
			return get();
		}

	}

}
