package org.patrolmap.model;

import java.time.LocalDate;
import java.util.List;

/**
 * One dated, cited contact fact of an agency (data/contacts.csv): a phone number of a kind, an
 * address, a web site or an accreditation, valid over [validFrom, validTo) — null = unknown start /
 * still valid. A changed number is a new row, so the old one stays as history.
 *
 * @param asPrinted the text as the source shows it (evidence), or null
 */
public record Contact(
    String id,
    String agencyId,
    ContactKind kind,
    String value,
    LocalDate validFrom,
    LocalDate validTo,
    Confidence confidence,
    List<String> sourceIds,
    String asPrinted,
    String note) {

  public boolean validOn(LocalDate date) {
    return (validFrom == null || !date.isBefore(validFrom))
        && (validTo == null || date.isBefore(validTo));
  }

  /**
   * The RFC 3966 {@code tel:} URI of a phone value such as {@code (314) 838-5000 ext. 1}, or null
   * when this is not a phone number.
   */
  public String telUri() {
    if (kind == null || !kind.isPhone() || value == null) {
      return null;
    }
    String[] parts = value.split("ext\\.", 2);
    String digits = parts[0].replaceAll("[^0-9]", "");
    if (digits.length() != 10) {
      return null;
    }
    String ext = parts.length > 1 ? parts[1].replaceAll("[^0-9]", "") : "";
    return "tel:+1-"
        + digits.substring(0, 3)
        + "-"
        + digits.substring(3, 6)
        + "-"
        + digits.substring(6)
        + (ext.isEmpty() ? "" : ";ext=" + ext);
  }
}
