package com.descope.notp.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's app ({@link BenchmarkApps#starter}) alone in its own JVM, so its heap and
 * threads can be measured apart from the emulator and the load driver. Prints
 * {@code PORT <port>}, then answers each {@code stats} line on standard input with
 * {@code STATS <live threads> <heap used
 * after full GC, bytes>}, and each {@code threads} line with
 * {@code THREADS <live threads>} (no GC, for sampling under load); {@code quit} (or the
 * end of input) stops it. Arguments: the emulator's project id and base URL, and
 * optionally the port of a Redis on 127.0.0.1 to keep the HTTP sessions in
 * ({@link BenchmarkApps#starterOnRedis}).
 */
public final class PendingFlowsApp {

	private PendingFlowsApp() {
	}

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = (args.length > 2)
				? BenchmarkApps.starterOnRedis(args[0], args[1], Integer.parseInt(args[2]))
				: BenchmarkApps.starter(args[0], args[1]);
		System.out.println("PORT " + BenchmarkApps.port(context));
		System.out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = in.readLine()) != null && !"quit".equals(line.trim())) {
			if ("stats".equals(line.trim())) {
				MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
				for (int i = 0; i < 3; i++) {
					System.gc();
					Thread.sleep(200);
				}
				System.out.println("STATS " + ManagementFactory.getThreadMXBean().getThreadCount() + " "
						+ memory.getHeapMemoryUsage().getUsed());
				System.out.flush();
			}
			else if ("threads".equals(line.trim())) {
				System.out.println("THREADS " + ManagementFactory.getThreadMXBean().getThreadCount());
				System.out.flush();
			}
		}
		context.close();
		System.exit(0);
	}

}
