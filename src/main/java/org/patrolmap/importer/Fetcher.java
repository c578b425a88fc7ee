package org.patrolmap.importer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.patrolmap.store.WriteFailure;

/**
 * Fills the ignored cache {@code shapefiles/cache/} with the manifest's files: copied from the
 * mirror folder when one is configured (offline work, CI), else downloaded from the public URL;
 * every file's sha256 is checked before use, and zips are extracted next to themselves.
 */
public final class Fetcher {
  private static final long MAX_ZIP_ENTRY = 512L * 1024 * 1024;
  private final Path cacheDir;
  private final Path mirror;
  private final HttpClient http;

  public Fetcher(Path cacheDir, Path mirror) {
    this.cacheDir = cacheDir;
    this.mirror = mirror;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** A fetched input: the layer file to read and the verified checksums. */
  public record Fetched(Manifest.Input input, Path layerFile) {}

  /** Makes the input's files present and verified in the cache; returns the layer file. */
  public Fetched fetch(Manifest.Input input) {
    for (Manifest.FileRef f : input.files()) {
      Path target = cacheDir.resolve(f.path()).normalize();
      if (!target.startsWith(cacheDir)) {
        throw new InputDataException(target, "manifest path escapes the cache folder");
      }
      if (!Files.isRegularFile(target) || !sha256(target).equals(f.sha256())) {
        obtain(f, target);
        String actual = sha256(target);
        if (!actual.equals(f.sha256())) {
          throw new InputDataException(
              target,
              "sha256 mismatch: expected "
                  + f.sha256()
                  + ", got "
                  + actual
                  + " (the file differs from the one the manifest names; not imported)");
        }
      }
      if (target.getFileName().toString().endsWith(".zip")) {
        unzip(target, target.resolveSibling(stripZip(target)));
      }
    }
    Path first = cacheDir.resolve(input.files().get(0).path()).normalize();
    Path dir =
        first.getFileName().toString().endsWith(".zip")
            ? first.resolveSibling(stripZip(first))
            : first.getParent();
    Path layer = dir.resolve(input.layer());
    if (!Files.isRegularFile(layer)) {
      throw new InputDataException(
          layer, "the layer file named by the manifest is not in the input");
    }
    return new Fetched(input, layer);
  }

  private void obtain(Manifest.FileRef f, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".part-", ".tmp");
      try {
        if (mirror != null) {
          Path src = mirror.resolve(f.path());
          if (!Files.isRegularFile(src)) {
            throw new InputDataException(
                src, "not in the mirror folder PATROLMAP_DATA_MIRROR=" + mirror);
          }
          Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
        } else {
          download(f, tmp);
        }
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      if (WriteFailure.resource(e)) {
        throw new IllegalStateException(
            "cannot write " + target + " to the cache: " + WriteFailure.describe(e), e);
      }
      throw new InputDataException(target, "cannot write to the cache: " + e.getMessage(), e);
    }
  }

  private void download(Manifest.FileRef f, Path tmp) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(f.url())).timeout(Duration.ofMinutes(5)).GET().build();
    try {
      HttpResponse<Path> res = http.send(req, HttpResponse.BodyHandlers.ofFile(tmp));
      if (res.statusCode() != 200) {
        throw new InputDataException(
            Path.of(f.path()), "download of " + f.url() + " answered HTTP " + res.statusCode());
      }
    } catch (IOException e) {
      throw new InputDataException(
          Path.of(f.path()),
          "cannot download "
              + f.url()
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "). Offline? Set PATROLMAP_DATA_MIRROR to a folder holding the inputs, e.g. ../shared/data");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputDataException(Path.of(f.path()), "download interrupted");
    }
  }

  private static String stripZip(Path zip) {
    String n = zip.getFileName().toString();
    return n.substring(0, n.length() - 4);
  }

  private static void unzip(Path zip, Path dir) {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      Files.createDirectories(dir);
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        Path out = dir.resolve(e.getName()).normalize();
        if (!out.startsWith(dir)) {
          throw new InputDataException(zip, "zip entry escapes its folder: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (var os = Files.newOutputStream(out)) {
          long n = in.transferTo(os);
          if (n > MAX_ZIP_ENTRY) {
            throw new InputDataException(zip, "zip entry too large: " + e.getName());
          }
        }
      }
    } catch (IOException ex) {
      if (WriteFailure.resource(ex)) {
        throw new IllegalStateException(
            "cannot extract " + zip + ": " + WriteFailure.describe(ex), ex);
      }
      throw new InputDataException(zip, "cannot extract: " + ex.getMessage(), ex);
    }
  }

  /** Lower-case hex sha256 of a file. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new InputDataException(file, "cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
