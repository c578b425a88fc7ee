package org.patrolmap.model;

import java.util.List;

/** A police department, cooperative, dispatch centre (PSAP) or records system. */
public record Agency(
    String id,
    String name,
    String kind,
    String phone,
    String address,
    String website,
    String accreditation,
    String accreditationDate,
    String note,
    List<String> sourceIds) {}
