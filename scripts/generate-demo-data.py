#!/usr/bin/env python3
"""Generates the demo dataset replayed by ingest-service's demo source (ingest-service/src/main/resources/demo/).

Fourteen days of ordinary French and English traffic about "Nuvelia", a fictional energy provider, with a daily
rhythm, weekends, and a couple of noisy-but-normal episodes; then a crisis (double billing, an outage and a customer
data leak) replayed in near real time. Offsets are seconds relative to the replay start, so the data is always recent.

Deterministic: the same seed gives the same file. Run: python3 scripts/generate-demo-data.py > ingest-service/src/main/resources/demo/nuvelia-demo.jsonl
"""
import json
import math
import random
import sys

SEED = 20261126
DAY = 86400
rng = random.Random(SEED)

SOURCES = {
    "fr": [
        ("Avis Clients Énergie", "https://avis.example.org/nuvelia/{n}", True),
        ("Forum Conso", "https://forum-conso.example.org/t/nuvelia/{n}", False),
        ("r/france", "https://reddit.example.org/r/france/comments/{n}", False),
        ("Mastodon (piaille.example)", "https://piaille.example/@user/{n}", False),
        ("Le Courrier de l'Énergie", "https://courrier-energie.example.org/articles/{n}", False),
    ],
    "en": [
        ("Energy Reviews", "https://energy-reviews.example.com/nuvelia/{n}", True),
        ("r/energy", "https://reddit.example.org/r/energy/comments/{n}", False),
        ("Mastodon (mastodon.example)", "https://mastodon.example/@user/{n}", False),
        ("Power Market Weekly", "https://powermarket.example.com/news/{n}", False),
    ],
}

FIRST = {"fr": ["Camille", "Julien", "Sophie", "Nicolas", "Léa", "Thomas", "Manon", "Hugo", "Chloé", "Antoine", "Inès", "Lucas"],
         "en": ["Emma", "James", "Olivia", "Liam", "Ava", "Noah", "Mia", "Ethan", "Grace", "Oliver", "Ruby", "Jack"]}
LAST = {"fr": ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Girard", "Roux", "Fournier", "Lefèvre", "Mercier"],
        "en": ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Hughes", "Green", "Hall"]}

ASPECTS = {
    "fr": ["le service client", "l'application", "la facture", "l'offre verte", "le compteur connecté",
           "le prix du kWh", "l'installation des panneaux solaires", "la borne de recharge", "l'espace client"],
    "en": ["customer service", "the app", "the bill", "the green tariff", "the smart meter",
           "the price per kWh", "the solar panel installation", "the EV charger", "the online account"],
}

TEMPLATES = {
    ("fr", "positive"): [
        "Chez Nuvelia depuis {m} mois, {a} est vraiment top. Je recommande !",
        "Très satisfait de Nuvelia : {a} fonctionne parfaitement et les conseillers sont sympas.",
        "Franchement bravo à Nuvelia, {a} est clair et simple. Excellent rapport qualité-prix.",
        "J'adore {a} de Nuvelia, c'est pratique et rapide 👍",
        "Super expérience avec Nuvelia, intervention rapide et efficace pour {a}.",
        "Nuvelia m'a fait économiser sur ma facture, {a} est un vrai plus. Merci !",
        "Conseiller Nuvelia très agréable et compétent, problème réglé en dix minutes.",
        "Enfin un fournisseur sérieux : Nuvelia, {a} impeccable, rien à redire.",
    ],
    ("fr", "neutral"): [
        "Quelqu'un connaît les délais de Nuvelia pour {a} ?",
        "Nuvelia annonce une nouvelle offre pour les particuliers à partir du mois prochain.",
        "Je compare Nuvelia et deux autres fournisseurs pour {a}, des retours ?",
        "Nuvelia publie ses résultats trimestriels jeudi selon le communiqué.",
        "Question pour les clients Nuvelia : comment on modifie {a} depuis l'appli ?",
        "Nuvelia ouvre une agence à Lyon, d'après la presse locale.",
        "Changement de fournisseur vers Nuvelia prévu le mois prochain, je verrai bien.",
        "Est-ce que Nuvelia propose une offre heures creuses pour {a} ?",
    ],
    ("fr", "negative"): [
        "Déçu par Nuvelia, {a} ne marche pas depuis une semaine.",
        "Nuvelia, {a} est toujours aussi lent, c'est pénible.",
        "Attente de quarante minutes au téléphone avec Nuvelia, pas terrible.",
        "Mauvaise surprise sur {a} de Nuvelia ce mois-ci, je ne comprends pas la hausse.",
        "Nuvelia ne répond jamais aux mails, c'est nul.",
        "Troisième relance à Nuvelia pour {a}, toujours rien. Très mécontent.",
    ],
    ("en", "positive"): [
        "Been with Nuvelia for {m} months and {a} is great. Highly recommend!",
        "Really happy with Nuvelia, {a} works perfectly and support was friendly.",
        "Nuvelia made switching easy, {a} is simple and clear. Excellent value.",
        "Love {a} from Nuvelia, fast and convenient 👍",
        "Great experience with Nuvelia, the engineer fixed {a} quickly.",
        "Nuvelia saved me money this winter, {a} is a real plus. Thanks!",
    ],
    ("en", "neutral"): [
        "Does anyone know how long Nuvelia takes for {a}?",
        "Nuvelia announced a new tariff for households starting next month.",
        "Comparing Nuvelia with two other suppliers for {a}, any feedback?",
        "Nuvelia will publish quarterly results on Thursday, according to a statement.",
        "Question for Nuvelia customers: how do you change {a} in the app?",
        "Switching to Nuvelia next month, we will see.",
    ],
    ("en", "negative"): [
        "Disappointed with Nuvelia, {a} has not worked for a week.",
        "Nuvelia, {a} is still so slow, annoying.",
        "Forty minutes on hold with Nuvelia, not great.",
        "Nasty surprise on {a} from Nuvelia this month, no idea why it went up.",
        "Nuvelia never answers emails. Poor service.",
    ],
}

CRISIS = {
    "fr": [
        "Nuvelia m'a prélevé deux fois ma facture ce mois-ci !!! Scandaleux, je veux être remboursé.",
        "Double prélèvement Nuvelia, découvert à la banque à cause d'eux. C'est une arnaque.",
        "Fuite de données chez Nuvelia : mes coordonnées bancaires circulent ? Inadmissible.",
        "Appli Nuvelia en panne et service client injoignable, alors qu'ils nous prélèvent deux fois. Honteux.",
        "Je porte plainte contre Nuvelia, double prélèvement et aucune réponse. Boycott !",
        "Nuvelia : des milliers de clients prélevés deux fois, l'entreprise reste silencieuse.",
        "Plus jamais Nuvelia. Prélevé deux fois, données piratées, zéro excuse. Scandale.",
        "Nuvelia ne répond pas, le site est en panne, mon compte est à découvert. Furieux.",
        "Arnaque Nuvelia : double facture et maintenant une fuite de données. Je résilie.",
        "Class action contre Nuvelia ? On est nombreux à avoir été prélevés deux fois.",
    ],
    "en": [
        "Nuvelia charged me twice this month!!! Outrageous, I want a refund now.",
        "Nuvelia data breach: my bank details leaked? This is unacceptable.",
        "Double charged by Nuvelia and their app is down. Total scam.",
        "Boycott Nuvelia. Charged twice, no answer from support, awful.",
        "Nuvelia customers are reporting double billing and a data leak, and the company is silent. Terrible.",
        "Filed a complaint against Nuvelia, double payment and my account is overdrawn. Furious.",
    ],
}

CRISIS_NEUTRAL = {
    "fr": ["Nuvelia annonce enquêter sur des prélèvements en double signalés par des clients.",
           "Quelqu'un sait si Nuvelia a communiqué sur les prélèvements en double ?"],
    "en": ["Nuvelia says it is investigating reports of double billing.",
           "Has Nuvelia said anything about the double charges yet?"],
}

TITLES = {"fr": "Nuvelia : {s}", "en": "Nuvelia: {s}"}


def hourly_rate(offset):
    """Mentions per hour: a daily rhythm (quiet nights, busy days and evenings), quieter weekends."""
    hour = (offset / 3600.0) % 24
    day = math.floor(offset / DAY)
    daily = 0.6 + 0.4 * (1 - math.cos(2 * math.pi * (hour - 3) / 24)) * 1.3
    weekend = 0.75 if day % 7 in (5, 6) else 1.0
    return 5.0 * daily * weekend


def tone_at(offset):
    probabilities = (0.20, 0.35, 0.45)  # negative, neutral, positive
    days_ago = -offset / DAY
    # Two noisy-but-ordinary episodes: a slow app one morning, a price change discussed one evening.
    if 9.0 < days_ago < 9.15 or 4.3 < days_ago < 4.4:
        probabilities = (0.40, 0.30, 0.30)
    r = rng.random()
    if r < probabilities[0]:
        return "negative"
    return "neutral" if r < probabilities[0] + probabilities[1] else "positive"


def mention(counter, offset, lang, tone, text, source=None):
    name, url, is_review = source or rng.choice(SOURCES[lang])
    first, last = rng.choice(FIRST[lang]), rng.choice(LAST[lang])
    news = "Courrier" in name or "Weekly" in name
    followers = int(rng.lognormvariate(5.0, 1.4)) if not is_review else None
    if news:
        followers = rng.randint(20000, 250000)
    rating = None
    if is_review:
        stars = {"negative": rng.choice([1, 2]), "neutral": 3, "positive": rng.choice([4, 5])}[tone]
        rating = {"value": stars, "max": 5}
    title = TITLES[lang].format(s=text.split(".")[0][:70].replace("Nuvelia", "").strip(" :,!")) if news else None
    return {
        "offsetSeconds": int(offset),
        "nativeId": "demo-%06d" % counter,
        "sourceName": name,
        "url": url.format(n=100000 + counter),
        "author": {"name": f"{first} {last[0]}." if is_review else f"{first} {last}",
                   "handle": None if is_review else (first + last).lower()[:12] + str(rng.randint(1, 99)),
                   "followers": followers},
        "title": title,
        "text": text,
        "lang": lang,
        "tone": tone,
        "engagement": {"likes": rng.randint(0, 40), "shares": rng.randint(0, 8), "comments": rng.randint(0, 12), "views": None},
        "rating": rating,
    }


def fill(template, lang):
    return template.format(a=rng.choice(ASPECTS[lang]), m=rng.randint(2, 30))


def main():
    lines = []
    counter = 0
    offset = -14 * DAY
    end_of_ordinary = -300
    while True:
        # Non-homogeneous Poisson arrivals by thinning.
        offset += rng.expovariate(12.0 / 3600.0)
        if offset >= end_of_ordinary:
            break
        if rng.random() > hourly_rate(offset) / 12.0:
            continue
        counter += 1
        lang = "fr" if rng.random() < 0.6 else "en"
        tone = tone_at(offset)
        lines.append(mention(counter, offset, lang, tone, fill(rng.choice(TEMPLATES[(lang, tone)]), lang)))

    # The crisis: about 80 mentions over three minutes, replayed in real time.
    crisis_offset = 0.0
    for _ in range(80):
        counter += 1
        lang = "fr" if rng.random() < 0.65 else "en"
        if rng.random() < 0.12:
            tone, text = "neutral", rng.choice(CRISIS_NEUTRAL[lang])
        else:
            tone, text = "negative", rng.choice(CRISIS[lang])
        lines.append(mention(counter, crisis_offset, lang, tone, text))
        crisis_offset += rng.uniform(0.5, 3.9)

    for line in lines:
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
