package org.patrolmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/**
 * OGC API – Features items on the tiny dataset: paging by {@code next}/{@code prev} links and
 * filters.
 */
class ItemsPagingTest {
  private static final TinyServer server = TinyServer.shared();

  private static Optional<String> link(JsonNode page, String rel) {
    for (JsonNode l : page.path("links")) {
      if (l.path("rel").asText().equals(rel)) {
        return Optional.of(l.path("href").asText());
      }
    }
    return Optional.empty();
  }

  private static JsonNode get(String url) {
    HttpResponse<byte[]> res = TestHttp.get(url);
    assertEquals(200, res.statusCode(), url);
    return TestHttp.json(res);
  }

  @Test
  void limitOneWalksEveryAreaThroughNextLinksAndTheLastPageHasNone() {
    List<String> seen = new ArrayList<>();
    String url = server.url("/ogc/collections/areas/items?limit=1");
    int pages = 0;
    JsonNode page;
    do {
      page = get(url);
      pages++;
      assertEquals(TinyDataset.build().areas().size(), page.path("numberMatched").asInt());
      assertEquals(1, page.path("numberReturned").asInt());
      page.path("features").forEach(f -> seen.add(f.path("id").asText()));
      assertEquals(pages > 1, link(page, "prev").isPresent(), "prev link on page " + pages);
      url = link(page, "next").orElse(null);
    } while (url != null && pages < 10);
    assertEquals(List.copyOf(TinyDataset.build().areas().keySet()), seen);
    assertEquals(seen.size(), pages);
    assertTrue(link(page, "next").isEmpty());
  }

  @Test
  void lastPartialPageReturnsTheRemainderWithoutNext() {
    int areas = TinyDataset.build().areas().size();
    int limit = 2;
    int lastOffset = (areas - 1) / limit * limit;
    JsonNode last =
        get(server.url("/ogc/collections/areas/items?limit=" + limit + "&offset=" + lastOffset));
    assertEquals(areas - lastOffset, last.path("numberReturned").asInt());
    assertTrue(link(last, "next").isEmpty());
    assertTrue(
        link(last, "prev").orElseThrow().contains("offset=" + (lastOffset - limit)),
        last.path("links").toString());
    assertTrue(
        link(get(server.url("/ogc/collections/areas/items?limit=" + limit)), "next")
            .orElseThrow()
            .endsWith("limit=" + limit + "&offset=" + limit));
  }

  @Test
  void datetimeAndAgencyFilterSelectTheDissolvedFeatureOfThatDay() {
    JsonNode before =
        get(
            server.url(
                "/ogc/collections/patrol/items?datetime=2020-06-30&agency="
                    + TinyDataset.ALDERBROOK_PD));
    assertEquals(1, before.path("numberMatched").asInt());
    assertEquals(
        TestHttp.JSON.valueToTree(List.of(TinyDataset.ALDERBROOK, TinyDataset.BIRCHFIELD)),
        before.path("features").get(0).path("properties").path("areas"));
    JsonNode after =
        get(
            server.url(
                "/ogc/collections/patrol/items?datetime="
                    + TinyDataset.CONTRACT_CHANGE
                    + "&agency="
                    + TinyDataset.ALDERBROOK_PD));
    assertEquals(
        TestHttp.JSON.valueToTree(List.of(TinyDataset.ALDERBROOK)),
        after.path("features").get(0).path("properties").path("areas"));
  }

  @Test
  void itemByIdIsTheSameFeatureAsInItsPage() {
    JsonNode page = get(server.url("/ogc/collections/areas/items?limit=10"));
    JsonNode fromPage = page.path("features").get(1);
    JsonNode item = get(server.url("/ogc/collections/areas/items/" + fromPage.path("id").asText()));
    assertEquals(fromPage.path("geometry"), item.path("geometry"));
    assertEquals(fromPage.path("properties"), item.path("properties"));
    assertTrue(link(item, "collection").isPresent());
  }

  @Test
  void zeroLimitAnswers400NamingLimit() {
    HttpResponse<byte[]> res = TestHttp.get(server.url("/ogc/collections/areas/items?limit=0"));
    assertEquals(400, res.statusCode());
    assertTrue(TestHttp.json(res).path("details").has("limit"));
  }
}
