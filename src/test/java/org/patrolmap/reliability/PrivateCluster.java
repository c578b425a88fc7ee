package org.patrolmap.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL/PostGIS cluster for one test: {@code initdb} into a fresh directory under
 * /var/tmp on a free port, started and stopped with {@code pg_ctl} (as user {@code postgres} when
 * the tests run as root, since PostgreSQL refuses root). Never the shared cluster, so a test may
 * stop it at will.
 */
final class PrivateCluster implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean root;

  private PrivateCluster(Path bin, Path dir, int port, boolean root) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.root = root;
  }

  /**
   * The PostgreSQL bin directory (PATROLMAP_PG_BIN, else the newest /usr/lib/postgresql/N/bin), or
   * null.
   */
  static Path findBin() {
    String env = System.getenv("PATROLMAP_PG_BIN");
    if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
      return Path.of(env);
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(
              Comparator.comparing(
                  p ->
                      Integer.parseInt(
                          p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
          .orElse(null);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /** Creates, configures and starts a cluster with database {@code db} holding PostGIS. */
  static PrivateCluster start(Path bin, String db)
      throws IOException, InterruptedException, SQLException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "patrolmap-outage-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PrivateCluster c = new PrivateCluster(bin, dir, port, root);
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), 30);
    }
    c.pg(
        60,
        "initdb",
        "-D",
        c.data.toString(),
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8");
    Files.writeString(
        c.data.resolve("postgresql.conf"),
        String.join(
            "\n",
            "listen_addresses = '127.0.0.1'",
            "port = " + port,
            "unix_socket_directories = '" + dir + "'",
            "max_connections = 40",
            "shared_buffers = 32MB",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            ""),
        java.nio.file.StandardOpenOption.APPEND);
    c.startServer();
    try (Connection conn = DriverManager.getConnection(c.jdbcUrl("postgres"));
        Statement st = conn.createStatement()) {
      st.execute("create database " + db);
    }
    try (Connection conn = DriverManager.getConnection(c.jdbcUrl(db));
        Statement st = conn.createStatement()) {
      st.execute("create extension postgis");
    }
    return c;
  }

  String jdbcUrl(String db) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=postgres";
  }

  void startServer() throws IOException, InterruptedException {
    pg(
        120,
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "start");
  }

  /**
   * {@code pg_ctl stop -m immediate}: the postmaster and every backend die at once, as in a crash.
   */
  void stopImmediately() throws IOException, InterruptedException {
    pg(60, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
  }

  private void pg(int timeoutSeconds, String tool, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (root) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.add(bin.resolve(tool).toString());
    cmd.addAll(List.of(args));
    run(cmd, timeoutSeconds);
  }

  private static void run(List<String> cmd, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + cmd);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          cmd
              + " exited "
              + p.exitValue()
              + ": "
              + new String(out, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        stopImmediately();
      }
    } catch (IOException | InterruptedException e) {
      // fall through to removing the directory; a stray postmaster dies with its data directory
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left under /var/tmp is harmless
    }
  }
}
