package org.patrolmap.ogc;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.patrolmap.geo.Numbers;
import org.patrolmap.http.ApiError;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.model.Dataset;

/**
 * CQL2 filters (OGC API – Features Part 3) parsed into a tree of predicates over layer features,
 * never into SQL: Basic CQL2 (comparisons {@code = <> < > <= >=} of a queryable with a string,
 * number, boolean or {@code DATE('…')}/{@code TIMESTAMP('…')} literal; {@code AND}, {@code OR},
 * {@code NOT}, parentheses; {@code IS [NOT] NULL}) and the basic spatial function {@code
 * S_INTERSECTS(geometry, literal)} with a WKT point, line or polygon (multi too) or {@code
 * BBOX(w,s,e,n)} in CRS84 — in the text encoding ({@code cql2-text}) and the JSON encoding ({@code
 * cql2-json}). Property names are checked against the collection's {@link Queryables} and types
 * against theirs. Cost is bounded: at most {@link #MAX_LENGTH} characters, {@link #MAX_DEPTH}
 * levels of nesting, {@link #MAX_NODES} predicates and {@link #MAX_VERTICES} literal vertices.
 * Every error is a 400 on {@code filter} naming the position (text) or the path (JSON).
 */
final class Cql2 {
  static final int MAX_LENGTH = 4096;
  static final int MAX_DEPTH = 20;
  static final int MAX_NODES = 200;
  static final int MAX_VERTICES = 1000;
  static final String TEXT = "cql2-text";
  static final String JSON = "cql2-json";

  private static final ObjectMapper JSON_READER = new ObjectMapper();

  static {
    JSON_READER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(2 * MAX_DEPTH + 8)
                .maxNumberLength(64)
                .maxStringLength(MAX_LENGTH)
                .build());
  }

  private Cql2() {}

  /** A parsed filter: the predicate and the properties it names. */
  static Predicate<LayerFeature> parse(String text, String lang, Queryables q) {
    if (text.length() > MAX_LENGTH) {
      throw bad("is longer than " + MAX_LENGTH + " characters");
    }
    if (text.isBlank()) {
      throw bad("is empty");
    }
    return switch (lang == null ? TEXT : lang) {
      case TEXT -> new TextParser(text, q).parseAll();
      case JSON -> new JsonParser(q).parseAll(text);
      default ->
          throw ApiError.badRequest(
              "filter-lang",
              "must be " + TEXT + " or " + JSON + ", got '" + Numbers.abbreviate(lang) + "'");
    };
  }

  static ApiError bad(String problem) {
    return ApiError.badRequest("filter", problem);
  }

  // ---------- the tree, shared by both encodings

  /** An operand: a property or a literal, with its type. */
  private record Operand(String property, Object value, Queryables.Type type) {
    Object of(LayerFeature f) {
      if (property == null) {
        return value;
      }
      Object v = f.properties().get(property);
      if (v instanceof String s && type == Queryables.Type.DATE) {
        try {
          return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
          return null;
        }
      }
      return v;
    }
  }

  private static Predicate<LayerFeature> compare(String op, Operand a, Operand b, String where) {
    Queryables.Type ta = a.type();
    Queryables.Type tb = b.type();
    if (ta == Queryables.Type.GEOMETRY || tb == Queryables.Type.GEOMETRY) {
      throw bad(where + "the geometry can only be used in S_INTERSECTS");
    }
    if (ta != tb) {
      throw bad(
          where
              + "cannot compare "
              + describe(a)
              + " ("
              + ta.name().toLowerCase(Locale.ROOT)
              + ") with "
              + describe(b)
              + " ("
              + tb.name().toLowerCase(Locale.ROOT)
              + ")");
    }
    if (ta == Queryables.Type.BOOLEAN && !op.equals("=") && !op.equals("<>")) {
      throw bad(where + "booleans can only be compared with = or <>");
    }
    return f -> {
      Object x = a.of(f);
      Object y = b.of(f);
      if (x == null || y == null) {
        return false;
      }
      int c = order(x, y);
      return switch (op) {
        case "=" -> c == 0;
        case "<>" -> c != 0;
        case "<" -> c < 0;
        case ">" -> c > 0;
        case "<=" -> c <= 0;
        default -> c >= 0;
      };
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int order(Object x, Object y) {
    if (x instanceof Number n && y instanceof Number m) {
      return Double.compare(n.doubleValue(), m.doubleValue());
    }
    if (x.getClass() != y.getClass()) {
      return Objects.equals(x, y) ? 0 : 1;
    }
    return ((Comparable) x).compareTo(y);
  }

  private static String describe(Operand o) {
    return o.property() != null ? "property '" + o.property() + "'" : "a literal";
  }

  private static Operand property(Queryables q, String name, String where) {
    Queryables.Type t = q.properties().get(name);
    if (t == null) {
      throw bad(
          where
              + "unknown property '"
              + Numbers.abbreviate(name)
              + "'; the queryables are "
              + q.properties().keySet());
    }
    return new Operand(name, null, t);
  }

  private static Predicate<LayerFeature> intersects(Geometry literal, String where) {
    if (literal.getNumPoints() > MAX_VERTICES) {
      throw bad(where + "a geometry literal has more than " + MAX_VERTICES + " vertices");
    }
    Envelope e = literal.getEnvelopeInternal();
    if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
      throw bad(where + "a geometry literal lies outside -180,-90,180,90 (CRS84)");
    }
    if (!literal.isValid()) {
      throw bad(where + "a geometry literal is not valid (e.g. a self-intersecting polygon)");
    }
    PreparedGeometry p = PreparedGeometryFactory.prepare(literal);
    return f -> p.intersects(f.geometry());
  }

  private static Geometry bbox(double[] v, String where) {
    if (v.length != 4 && v.length != 6) {
      throw bad(where + "BBOX takes 4 (or 6) numbers");
    }
    double w = v[0];
    double s = v[1];
    double east = v.length == 4 ? v[2] : v[3];
    double n = v.length == 4 ? v[3] : v[4];
    if (w > east || s > n) {
      throw bad(where + "BBOX corners are reversed: expected west,south,east,north");
    }
    return Dataset.GEOMETRY.toGeometry(new Envelope(w, east, s, n));
  }

  private static Object temporal(String fn, String text, String where) {
    try {
      return fn.equals("DATE")
          ? LocalDate.parse(text)
          : OffsetDateTime.parse(text).toLocalDate(); // properties are dates: compare by day
    } catch (DateTimeParseException e) {
      throw bad(where + fn + "('" + Numbers.abbreviate(text) + "') is not a valid " + fn);
    }
  }

  // ---------- cql2-text

  private enum Kind {
    LPAREN,
    RPAREN,
    COMMA,
    OP,
    STRING,
    NUMBER,
    WORD,
    QUOTED,
    END
  }

  private record Token(Kind kind, String text, int pos, int end) {}

  private static final class TextParser {
    private final String src;
    private final Queryables q;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private int nodes;

    TextParser(String src, Queryables q) {
      this.src = src;
      this.q = q;
      tokenize();
    }

    private ApiError at(int pos, String problem) {
      return bad("at position " + (pos + 1) + ": " + problem);
    }

    private String where(Token t) {
      return "at position " + (t.pos() + 1) + ": ";
    }

    private void tokenize() {
      int p = 0;
      int n = src.length();
      while (p < n) {
        char c = src.charAt(p);
        if (Character.isWhitespace(c)) {
          p++;
        } else if (c == '(' || c == ')' || c == ',') {
          tokens.add(
              new Token(
                  c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA, "" + c, p, p + 1));
          p++;
        } else if (c == '=' || c == '<' || c == '>') {
          int s = p++;
          if (c != '=' && p < n && (src.charAt(p) == '=' || (c == '<' && src.charAt(p) == '>'))) {
            p++;
          }
          tokens.add(new Token(Kind.OP, src.substring(s, p), s, p));
        } else if (c == '\'') {
          int s = p++;
          StringBuilder sb = new StringBuilder();
          while (true) {
            if (p >= n) {
              throw at(s, "the string starting here is not closed");
            }
            char d = src.charAt(p++);
            if (d == '\'') {
              if (p < n && src.charAt(p) == '\'') {
                sb.append('\'');
                p++;
              } else {
                break;
              }
            } else {
              sb.append(d);
            }
          }
          tokens.add(new Token(Kind.STRING, sb.toString(), s, p));
        } else if (c == '"') {
          int close = src.indexOf('"', p + 1);
          if (close < 0) {
            throw at(p, "the quoted property name starting here is not closed");
          }
          tokens.add(new Token(Kind.QUOTED, src.substring(p + 1, close), p, close + 1));
          p = close + 1;
        } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && p + 1 < n)) {
          int s = p++;
          while (p < n
              && (Character.isDigit(src.charAt(p))
                  || ".eE".indexOf(src.charAt(p)) >= 0
                  || ((src.charAt(p) == '-' || src.charAt(p) == '+')
                      && "eE".indexOf(src.charAt(p - 1)) >= 0))) {
            p++;
          }
          String num = src.substring(s, p);
          if (!num.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?")) {
            throw at(s, "'" + Numbers.abbreviate(num) + "' is not a number");
          }
          tokens.add(new Token(Kind.NUMBER, num, s, p));
        } else if (Character.isLetter(c) || c == '_') {
          int s = p++;
          while (p < n
              && (Character.isLetterOrDigit(src.charAt(p))
                  || src.charAt(p) == '_'
                  || src.charAt(p) == ':'
                  || src.charAt(p) == '.')) {
            p++;
          }
          tokens.add(new Token(Kind.WORD, src.substring(s, p), s, p));
        } else {
          throw at(p, "unexpected character '" + c + "'");
        }
      }
      tokens.add(new Token(Kind.END, "", n, n));
    }

    private Token peek() {
      return tokens.get(i);
    }

    private Token next() {
      return tokens.get(i++);
    }

    private boolean word(String w) {
      Token t = peek();
      return t.kind() == Kind.WORD && t.text().equalsIgnoreCase(w);
    }

    private Token expect(Kind k, String what) {
      Token t = next();
      if (t.kind() != k) {
        throw at(t.pos(), "expected " + what + ", found " + found(t));
      }
      return t;
    }

    private static String found(Token t) {
      return t.kind() == Kind.END
          ? "the end of the filter"
          : "'" + Numbers.abbreviate(t.text()) + "'";
    }

    Predicate<LayerFeature> parseAll() {
      Predicate<LayerFeature> p = or(0);
      Token t = peek();
      if (t.kind() != Kind.END) {
        throw at(t.pos(), "unexpected " + found(t) + " (missing AND/OR, or an unbalanced ')')");
      }
      return p;
    }

    private void count(Token t, int depth) {
      if (++nodes > MAX_NODES) {
        throw at(t.pos(), "the filter has more than " + MAX_NODES + " terms");
      }
      if (depth > MAX_DEPTH) {
        throw at(t.pos(), "the filter is nested more than " + MAX_DEPTH + " levels deep");
      }
    }

    private Predicate<LayerFeature> or(int depth) {
      Predicate<LayerFeature> p = and(depth);
      while (word("OR")) {
        count(next(), depth);
        p = p.or(and(depth));
      }
      return p;
    }

    private Predicate<LayerFeature> and(int depth) {
      Predicate<LayerFeature> p = not(depth);
      while (word("AND")) {
        count(next(), depth);
        p = p.and(not(depth));
      }
      return p;
    }

    private Predicate<LayerFeature> not(int depth) {
      if (word("NOT")) {
        count(next(), depth + 1);
        return not(depth + 1).negate();
      }
      return primary(depth);
    }

    private Predicate<LayerFeature> primary(int depth) {
      Token t = peek();
      count(t, depth);
      if (t.kind() == Kind.LPAREN) {
        next();
        Predicate<LayerFeature> p = or(depth + 1);
        expect(Kind.RPAREN, "')' closing the '(' at position " + (t.pos() + 1));
        return p;
      }
      if (word("S_INTERSECTS")) {
        next();
        expect(Kind.LPAREN, "'(' after S_INTERSECTS");
        Geometry a = spatialArg();
        expect(Kind.COMMA, "',' between the two arguments of S_INTERSECTS");
        Geometry b = spatialArg();
        expect(Kind.RPAREN, "')' closing S_INTERSECTS");
        if ((a == null) == (b == null)) {
          throw at(t.pos(), "S_INTERSECTS takes the geometry property and one geometry literal");
        }
        return intersects(a == null ? b : a, where(t));
      }
      if (t.kind() == Kind.WORD && peek(1).kind() == Kind.LPAREN && !isLiteralFunction(t.text())) {
        throw at(
            t.pos(),
            "unknown function '"
                + Numbers.abbreviate(t.text())
                + "'; only S_INTERSECTS, DATE, TIMESTAMP and BBOX are supported");
      }
      if (word("TRUE") || word("FALSE")) {
        if (peek(1).kind() != Kind.OP) {
          boolean v = next().text().equalsIgnoreCase("TRUE");
          return f -> v;
        }
      }
      Operand a = operand();
      if (word("IS")) {
        Token is = next();
        boolean negate = false;
        if (word("NOT")) {
          next();
          negate = true;
        }
        if (!word("NULL")) {
          throw at(peek().pos(), "expected NULL after IS" + (negate ? " NOT" : ""));
        }
        next();
        if (a.property() == null) {
          throw at(is.pos(), "IS NULL applies to a property");
        }
        String name = a.property();
        boolean neg = negate;
        return f -> (f.properties().get(name) == null) != neg;
      }
      Token op = next();
      if (op.kind() != Kind.OP) {
        throw at(op.pos(), "expected a comparison (= <> < > <= >=) or IS NULL, found " + found(op));
      }
      Operand b = operand();
      return compare(op.text(), a, b, where(op));
    }

    private Token peek(int ahead) {
      return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private static boolean isLiteralFunction(String name) {
      String u = name.toUpperCase(Locale.ROOT);
      return u.equals("DATE") || u.equals("TIMESTAMP");
    }

    private Operand operand() {
      Token t = next();
      switch (t.kind()) {
        case STRING:
          return new Operand(null, t.text(), Queryables.Type.STRING);
        case NUMBER:
          return new Operand(null, Double.parseDouble(t.text()), Queryables.Type.NUMBER);
        case QUOTED:
          return property(q, t.text(), where(t));
        case WORD:
          String u = t.text().toUpperCase(Locale.ROOT);
          if (u.equals("TRUE") || u.equals("FALSE")) {
            return new Operand(null, u.equals("TRUE"), Queryables.Type.BOOLEAN);
          }
          if (isLiteralFunction(u) && peek().kind() == Kind.LPAREN) {
            expect(Kind.LPAREN, "'(' after " + u);
            Token s = expect(Kind.STRING, "a quoted " + u.toLowerCase(Locale.ROOT));
            expect(Kind.RPAREN, "')' closing " + u);
            return new Operand(null, temporal(u, s.text(), where(t)), Queryables.Type.DATE);
          }
          if (List.of("AND", "OR", "NOT", "IS", "NULL").contains(u)) {
            throw at(t.pos(), "expected a property or a value, found the keyword " + u);
          }
          return property(q, t.text(), where(t));
        default:
          throw at(t.pos(), "expected a property or a value, found " + found(t));
      }
    }

    /** The geometry property (null) or a geometry literal. */
    private Geometry spatialArg() {
      Token t = next();
      if (t.kind() == Kind.WORD && t.text().equals(Queryables.GEOMETRY)
          || t.kind() == Kind.QUOTED && t.text().equals(Queryables.GEOMETRY)) {
        return null;
      }
      if (t.kind() != Kind.WORD) {
        throw at(
            t.pos(), "expected the geometry property or a geometry literal, found " + found(t));
      }
      String u = t.text().toUpperCase(Locale.ROOT);
      if (u.equals("BBOX")) {
        expect(Kind.LPAREN, "'(' after BBOX");
        List<Double> v = new ArrayList<>();
        do {
          v.add(Double.parseDouble(expect(Kind.NUMBER, "a number").text()));
        } while (peek().kind() == Kind.COMMA && next() != null);
        expect(Kind.RPAREN, "')' closing BBOX");
        return bbox(v.stream().mapToDouble(Double::doubleValue).toArray(), where(t));
      }
      if (!List.of(
              "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON")
          .contains(u)) {
        if (q.properties().containsKey(t.text())) {
          throw at(t.pos(), "S_INTERSECTS takes the geometry property, not '" + t.text() + "'");
        }
        throw at(
            t.pos(), "expected a geometry literal (POINT, POLYGON, BBOX, …), found " + found(t));
      }
      Token open = expect(Kind.LPAREN, "'(' after " + u);
      int depth = 1;
      Token last = open;
      while (depth > 0) {
        last = next();
        if (last.kind() == Kind.END) {
          throw at(open.pos(), "the " + u + " literal is not closed");
        }
        if (last.kind() == Kind.LPAREN) {
          if (++depth > 4) {
            throw at(last.pos(), "the " + u + " literal is nested too deeply");
          }
        } else if (last.kind() == Kind.RPAREN) {
          depth--;
        } else if (last.kind() != Kind.NUMBER && last.kind() != Kind.COMMA) {
          throw at(last.pos(), "unexpected " + found(last) + " in the " + u + " literal");
        }
      }
      try {
        return new WKTReader(Dataset.GEOMETRY).read(src.substring(t.pos(), last.end()));
      } catch (ParseException | IllegalArgumentException e) {
        throw at(t.pos(), "the " + u + " literal is not valid WKT");
      }
    }
  }

  // ---------- cql2-json

  private static final class JsonParser {
    private final Queryables q;
    private int nodes;

    JsonParser(Queryables q) {
      this.q = q;
    }

    Predicate<LayerFeature> parseAll(String text) {
      JsonNode root;
      try {
        root = JSON_READER.readTree(text);
      } catch (IOException e) {
        throw bad("is not valid JSON (or is nested more than " + MAX_DEPTH + " levels deep)");
      }
      if (root == null) {
        throw bad("is empty");
      }
      return predicate(root, "", 0);
    }

    private Predicate<LayerFeature> predicate(JsonNode n, String path, int depth) {
      String where = "at " + (path.isEmpty() ? "/" : path) + ": ";
      if (++nodes > MAX_NODES) {
        throw bad(where + "the filter has more than " + MAX_NODES + " terms");
      }
      if (depth > MAX_DEPTH) {
        throw bad(where + "the filter is nested more than " + MAX_DEPTH + " levels deep");
      }
      if (n.isBoolean()) {
        boolean v = n.booleanValue();
        return f -> v;
      }
      if (!n.isObject() || !n.path("op").isTextual() || !n.path("args").isArray()) {
        throw bad(where + "expected an object with 'op' and 'args'");
      }
      String op = n.get("op").asText();
      JsonNode args = n.get("args");
      String argsPath = path + "/args";
      switch (op) {
        case "and", "or" -> {
          if (args.size() < 2) {
            throw bad(where + "'" + op + "' takes at least two arguments");
          }
          Predicate<LayerFeature> p = predicate(args.get(0), argsPath + "/0", depth + 1);
          for (int k = 1; k < args.size(); k++) {
            Predicate<LayerFeature> r = predicate(args.get(k), argsPath + "/" + k, depth + 1);
            p = op.equals("and") ? p.and(r) : p.or(r);
          }
          return p;
        }
        case "not" -> {
          arity(args, 1, op, where);
          return predicate(args.get(0), argsPath + "/0", depth + 1).negate();
        }
        case "=", "<>", "<", ">", "<=", ">=" -> {
          arity(args, 2, op, where);
          return compare(op, operand(args.get(0), where), operand(args.get(1), where), where);
        }
        case "isNull" -> {
          arity(args, 1, op, where);
          Operand a = operand(args.get(0), where);
          if (a.property() == null) {
            throw bad(where + "isNull applies to a property");
          }
          return f -> f.properties().get(a.property()) == null;
        }
        case "s_intersects" -> {
          arity(args, 2, op, where);
          boolean first = isGeometryProperty(args.get(0));
          if (first == isGeometryProperty(args.get(1))) {
            throw bad(where + "s_intersects takes the geometry property and one geometry literal");
          }
          return intersects(geometry(args.get(first ? 1 : 0), where), where);
        }
        default ->
            throw bad(
                where
                    + "unknown operator '"
                    + Numbers.abbreviate(op)
                    + "'; supported: and, or, not, =, <>, <, >, <=, >=, isNull, s_intersects");
      }
    }

    private static void arity(JsonNode args, int n, String op, String where) {
      if (args.size() != n) {
        throw bad(where + "'" + op + "' takes " + n + " argument" + (n == 1 ? "" : "s"));
      }
    }

    private static boolean isGeometryProperty(JsonNode n) {
      return n.isObject() && Queryables.GEOMETRY.equals(n.path("property").asText(null));
    }

    private Operand operand(JsonNode n, String where) {
      if (n.isTextual()) {
        return new Operand(null, n.asText(), Queryables.Type.STRING);
      }
      if (n.isNumber()) {
        return new Operand(null, n.asDouble(), Queryables.Type.NUMBER);
      }
      if (n.isBoolean()) {
        return new Operand(null, n.asBoolean(), Queryables.Type.BOOLEAN);
      }
      if (n.isObject() && n.path("property").isTextual()) {
        return property(q, n.get("property").asText(), where);
      }
      if (n.isObject() && n.path("date").isTextual()) {
        return new Operand(
            null, temporal("DATE", n.get("date").asText(), where), Queryables.Type.DATE);
      }
      if (n.isObject() && n.path("timestamp").isTextual()) {
        return new Operand(
            null, temporal("TIMESTAMP", n.get("timestamp").asText(), where), Queryables.Type.DATE);
      }
      throw bad(
          where + "expected a property, a string, a number, a boolean, a date or a timestamp");
    }

    private static Geometry geometry(JsonNode n, String where) {
      if (n.isObject() && n.path("bbox").isArray()) {
        double[] v = new double[n.get("bbox").size()];
        for (int k = 0; k < v.length; k++) {
          if (!n.get("bbox").get(k).isNumber()) {
            throw bad(where + "bbox holds numbers");
          }
          v[k] = n.get("bbox").get(k).asDouble();
        }
        return bbox(v, where);
      }
      if (n.isObject() && n.path("type").isTextual() && n.has("coordinates")) {
        try {
          return new org.locationtech.jts.io.geojson.GeoJsonReader(Dataset.GEOMETRY)
              .read(n.toString());
        } catch (ParseException | RuntimeException e) {
          throw bad(where + "the GeoJSON geometry is not valid");
        }
      }
      throw bad(where + "expected a GeoJSON geometry or {\"bbox\": [w,s,e,n]}");
    }
  }
}
