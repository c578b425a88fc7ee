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
   * The PostgreSQL bin directory (PATROLMAP_PG_BIN, else as scripts/db.sh chooses for a new
   * cluster: the newest /usr/lib/postgresql/N/bin whose version has PostGIS installed, else the
   * newest), or null.
   */
  static Path findBin() {
    String env = System.getenv("PATROLMAP_PG_BIN");
    if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
      return Path.of(env);
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      List<Path> bins =
          versions
              .map(v -> v.resolve("bin"))
              .filter(b -> Files.isExecutable(b.resolve("initdb")))
              .sorted(Comparator.comparing(PrivateCluster::major).reversed())
              .toList();
      return bins.stream()
          .filter(
              b ->
                  Files.exists(
                      Path.of(
                          "/usr/share/postgresql",
                          b.getParent().getFileName().toString(),
                          "extension/postgis.control")))
          .findFirst()
          .orElse(bins.isEmpty() ? null : bins.get(0));
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static int major(Path bin) {
    return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"));
  }

  /** Creates, configures and starts a cluster with database {@code db} holding PostGIS. */
  static PrivateCluster start(Path bin, String db)
      throws IOException, InterruptedException, SQLException {
    return start(bin, "patrolmap-outage-", db, List.of());
  }

  /**
   * A primary that streams its WAL to standbys: {@code wal_level = replica}, WAL senders, a
   * replication entry in pg_hba.conf for 127.0.0.1 (trust, as every entry here), and {@code
   * hot_standby_feedback} honoured (set on the standby, see {@link #standby}).
   */
  static PrivateCluster primary(Path bin, String prefix, String db)
      throws IOException, InterruptedException, SQLException {
    return start(
        bin,
        prefix,
        db,
        List.of(
            "wal_level = replica",
            "max_wal_senders = 4",
            "max_replication_slots = 4",
            // as in production: a commit is sent to the standby when it returns, not up to
            // wal_writer_delay later (the timeline measures replication, not this test setting)
            "synchronous_commit = on"));
  }

  /**
   * A hot standby of this primary on its own port, made as the README says: {@code pg_basebackup -R
   * -C -S <slot>} (which writes {@code standby.signal} and {@code primary_conninfo}, and keeps WAL
   * on the primary in a replication slot until the standby has it), then started.
   */
  PrivateCluster standby(String prefix) throws IOException, InterruptedException {
    Path sdir = Files.createTempDirectory(Path.of("/var/tmp"), prefix);
    PrivateCluster s = new PrivateCluster(bin, sdir, freePort(), root);
    if (root) {
      run(List.of("chown", "postgres:postgres", sdir.toString()), 30);
    }
    pg(
        300,
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(port),
        "-U",
        "postgres",
        "-D",
        s.data.toString(),
        "-R",
        "-C",
        "-S",
        "patrolmap_" + sdir.getFileName().toString().replaceAll("[^a-z0-9]", "_"),
        "-X",
        "stream",
        "--checkpoint=fast");
    Files.writeString(
        s.data.resolve("postgresql.conf"),
        String.join(
            "\n",
            "",
            "# the standby's own settings (the rest came with the base backup)",
            "port = " + s.port,
            "unix_socket_directories = '" + sdir + "'",
            "hot_standby = on",
            "hot_standby_feedback = on",
            ""),
        java.nio.file.StandardOpenOption.APPEND);
    s.startServer();
    return s;
  }

  /** {@code pg_ctl promote}: the standby leaves recovery and takes writes. */
  void promote() throws IOException, InterruptedException {
    pg(120, "pg_ctl", "-D", data.toString(), "-w", "-t", "60", "promote");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static PrivateCluster start(Path bin, String prefix, String db, List<String> settings)
      throws IOException, InterruptedException, SQLException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory(Path.of("/var/tmp"), prefix);
    PrivateCluster c = new PrivateCluster(bin, dir, freePort(), root);
    int port = c.port;
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
            String.join("\n", settings),
            ""),
        java.nio.file.StandardOpenOption.APPEND);
    if (!settings.isEmpty()) {
      Files.writeString(
          c.data.resolve("pg_hba.conf"),
          "host replication all 127.0.0.1/32 trust\n",
          java.nio.file.StandardOpenOption.APPEND);
    }
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
