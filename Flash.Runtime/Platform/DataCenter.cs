namespace Flash;

/// <summary>
/// A RunPod datacenter: the union of the REST API's list and Flash's network-storage list.
/// No member is 0, so a value that was never set is never mistaken for a real datacenter.
/// </summary>
public enum DataCenter
{
    /// <summary>EU-RO-1. Network storage.</summary>
    EuRo1 = 1,
    /// <summary>CA-MTL-1.</summary>
    CaMtl1,
    /// <summary>EU-SE-1.</summary>
    EuSe1,
    /// <summary>US-IL-1. Network storage.</summary>
    UsIl1,
    /// <summary>EUR-IS-1.</summary>
    EurIs1,
    /// <summary>EU-CZ-1. Network storage.</summary>
    EuCz1,
    /// <summary>US-TX-3.</summary>
    UsTx3,
    /// <summary>EUR-IS-2.</summary>
    EurIs2,
    /// <summary>US-KS-2. Network storage.</summary>
    UsKs2,
    /// <summary>US-GA-2.</summary>
    UsGa2,
    /// <summary>US-WA-1. Network storage.</summary>
    UsWa1,
    /// <summary>US-TX-1.</summary>
    UsTx1,
    /// <summary>CA-MTL-3.</summary>
    CaMtl3,
    /// <summary>EU-NL-1.</summary>
    EuNl1,
    /// <summary>US-TX-4.</summary>
    UsTx4,
    /// <summary>US-CA-2. Network storage.</summary>
    UsCa2,
    /// <summary>US-NC-1.</summary>
    UsNc1,
    /// <summary>OC-AU-1.</summary>
    OcAu1,
    /// <summary>US-DE-1.</summary>
    UsDe1,
    /// <summary>EUR-IS-3.</summary>
    EurIs3,
    /// <summary>CA-MTL-2.</summary>
    CaMtl2,
    /// <summary>AP-JP-1.</summary>
    ApJp1,
    /// <summary>EUR-NO-1. Network storage.</summary>
    EurNo1,
    /// <summary>EU-FR-1.</summary>
    EuFr1,
    /// <summary>US-KS-3.</summary>
    UsKs3,
    /// <summary>US-GA-1.</summary>
    UsGa1,
    /// <summary>US-MO-1. Network storage.</summary>
    UsMo1,
    /// <summary>US-MO-2. Network storage.</summary>
    UsMo2,
    /// <summary>US-NC-2. Network storage.</summary>
    UsNc2,
    /// <summary>US-NE-1. Network storage.</summary>
    UsNe1,
}
