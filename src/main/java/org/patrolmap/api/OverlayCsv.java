package org.patrolmap.api;

import java.util.List;
import java.util.Locale;
import org.patrolmap.csv.CsvCell;
import org.patrolmap.model.Overlay;

/**
 * The overlay report as CSV: one row per area, patrol agency, dispatch centre and contract, each
 * row also naming the footprint, the date and the dataset, so a saved file says what it is.
 */
final class OverlayCsv {
  static final String HEADER =
      "section,agency_or_area_id,name,function,status,area_km2,share_of_footprint,share_of_area,areas,"
          + "footprint_id,footprint_name,date,dataset\n";

  private OverlayCsv() {}

  static String write(Overlay.Report r, long datasetId) {
    String about =
        "," + esc(r.id()) + "," + esc(r.name()) + "," + r.date() + "," + datasetId + "\n";
    StringBuilder sb = new StringBuilder(HEADER);
    for (Overlay.AreaShare s : r.areas()) {
      row(
          about,
          sb,
          "areas",
          s.area().id(),
          s.area().name(),
          "",
          "",
          s.km2(),
          s.shareOfFootprint(),
          fmt(s.shareOfArea()),
          "");
    }
    for (List<Overlay.ProviderShare> list : List.of(r.patrol(), r.dispatch(), r.contracts())) {
      for (Overlay.ProviderShare p : list) {
        String section = list == r.contracts() ? "contracts" : p.function().id();
        row(
            about,
            sb,
            section,
            p.agency() == null ? "" : p.agency().id(),
            p.agency() == null ? "Unknown" : p.agency().name(),
            p.function().id(),
            p.status().id(),
            p.km2(),
            p.shareOfFootprint(),
            "",
            String.join(";", p.areaIds()));
      }
    }
    return sb.toString();
  }

  private static void row(
      String about,
      StringBuilder sb,
      String section,
      String id,
      String name,
      String function,
      String status,
      double km2,
      double share,
      String shareOfArea,
      String areas) {
    sb.append(section)
        .append(',')
        .append(esc(id))
        .append(',')
        .append(esc(name))
        .append(',')
        .append(function)
        .append(',')
        .append(status)
        .append(',')
        .append(fmt(km2))
        .append(',')
        .append(fmt(share))
        .append(',')
        .append(shareOfArea)
        .append(',')
        .append(esc(areas))
        .append(about);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String esc(String s) {
    return CsvCell.esc(s);
  }
}
