package org.patrolmap.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.Overlay;
import org.patrolmap.model.RoleAnswer;
import org.patrolmap.testing.TinyDataset;

/**
 * Where a cited general rule decides an area's provider, the map layer and the footprint report say
 * so as the lookup does: by rule, naming the agency and the rule, never "unknown" and never merged
 * with the agency's cited areas.
 */
class ByRuleLayersTest {
  private final Dataset d =
      TinyDataset.build(List.of(TinyDataset.COUNTY_CONTRACT_DISPATCH), List.of());
  private final LocalDate on = LocalDate.parse(TinyDataset.CONTRACT_CHANGE);

  @Test
  void theDispatchLayerHasAByRuleFeatureForTheAreasTheRuleDecides() {
    Layer dispatch = new Layers().get(d, "dispatch", on, false);
    List<Map<String, Object>> byRule =
        dispatch.features().stream()
            .map(LayerFeature::properties)
            .filter(p -> "by_rule".equals(p.get("status")))
            .toList();
    assertEquals(1, byRule.size(), dispatch.features().toString());
    Map<String, Object> p = byRule.get(0);
    assertEquals(TinyDataset.COUNTY_COMMS, p.get("agency_id"));
    assertEquals(List.of(TinyDataset.BIRCHFIELD), p.get("areas"));
    assertEquals(
        Set.of(TinyDataset.COUNTY_CONTRACT_DISPATCH.id()),
        Set.copyOf((Collection<?>) p.get("rules")));
    assertEquals(Set.of("contract"), p.get("arrangements"));
    for (Map<String, Object> q :
        dispatch.features().stream().map(LayerFeature::properties).toList()) {
      if ("known".equals(q.get("status"))) {
        assertTrue(
            !((List<?>) q.get("areas")).contains(TinyDataset.BIRCHFIELD),
            "a rule's area is not merged into the agency's cited areas: " + q);
      }
    }
    // the day before the contract nothing decides Birchfield's dispatch: unknown, as the lookup
    Layer before = new Layers().get(d, "dispatch", on.minusDays(1), false);
    assertTrue(
        before.features().stream()
            .map(LayerFeature::properties)
            .anyMatch(
                q ->
                    "unknown".equals(q.get("status"))
                        && ((List<?>) q.get("areas")).contains(TinyDataset.BIRCHFIELD)));
  }

  @Test
  void theFootprintReportCountsTheRuleDecidedAreaAsByRuleWithItsRule() {
    Geometry footprint = TinyDataset.wkt(TinyDataset.FOOTPRINT_WKT);
    Overlay.Report r = Overlay.compute(d, "fp", "Footprint", footprint, on);
    Overlay.ProviderShare share =
        r.dispatch().stream()
            .filter(p -> p.areaIds().contains(TinyDataset.BIRCHFIELD))
            .findFirst()
            .orElseThrow();
    assertEquals(RoleAnswer.Status.BY_RULE, share.status());
    assertEquals(TinyDataset.COUNTY_COMMS, share.agency().id());
    assertEquals(List.of(TinyDataset.COUNTY_CONTRACT_DISPATCH.id()), share.rules());
    assertEquals(List.of(TinyDataset.BIRCHFIELD), share.areaIds());
    assertEquals(
        RoleAnswer.Status.BY_RULE,
        d.role(d.areas().get(TinyDataset.BIRCHFIELD), Function.DISPATCH, on).status(),
        "the lookup says the same");
  }

  @Test
  void theNenaPsapLayerLeavesOutTheAreasOnlyARuleDecides() {
    Layer dispatch = new Layers().get(d, "dispatch", on, false);
    List<LayerFeature> psap = Nena.build(d, "nena-psap", on, dispatch, NenaSettings.NONE);
    LayerFeature comms =
        psap.stream()
            .filter(f -> f.id().equals(Nena.featureId("nena-psap", TinyDataset.COUNTY_COMMS)))
            .findFirst()
            .orElseThrow();
    Geometry cited =
        dispatch.features().stream()
            .filter(
                f ->
                    "known".equals(f.properties().get("status"))
                        && TinyDataset.COUNTY_COMMS.equals(f.properties().get("agency_id")))
            .findFirst()
            .orElseThrow()
            .geometry();
    assertTrue(comms.geometry().equalsExact(cited), "the PSAP polygon is the cited areas only");
    assertEquals(
        psap.size(), psap.stream().map(LayerFeature::id).distinct().count(), "one per agency");
  }
}
