#!/usr/bin/env python3
"""Build the demo chapter in data/: a fictional Los Angeles chapter from September 2016 to September 2017.

    python scripts/demo_data.py data            # into a new or empty folder
    python scripts/demo_data.py data --force    # replace the demo's records in a folder that has some

This script is the source of truth for the demo: change a record here, run it
with --force, and commit both. A test checks that running it reproduces data/
byte for byte. Everything below is plain data; nothing is random and nothing
depends on today's date.

The story is frozen at 2017-09-30 (AS_OF): the grant year 2017 is three quarters
done. People, contacts and testimonies are fictional; the offices and districts
are real. See data/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from capctl.models.records import Engagement, Official, Partner, Person, Priority, Record, Resource, Testimony
from capctl.store.chapter import template
from capctl.store.files import METRICS_FILE, SETTINGS_FILE, record_files
from capctl.store.write import replace_atomic, write_exclusive, write_new
from capctl.text import fold, make_id
from capctl.vocab import RecordKind

AS_OF = "2017-09-30"
"""The day the demo is frozen at: `capctl report --as-of 2017-09-30`."""

TESTIMONY_FILES = "files/testimonies"
"""Where a testimony kept out of the records (consent: none) is written, under the data folder."""

# Countywide partners work in every supervisorial district.
COUNTYWIDE = ["sd1", "sd2", "sd3", "sd4", "sd5"]

# --- partners ---------------------------------------------------------------
# Status histories, oldest first. The chapter began in September 2016 with three
# founding members; most others joined at a chapter meeting (third Thursday).
#
# In 2017 four organizations were newly invited (or went straight from prospect
# to core): AFSG and PIA (both core now), IPHS and NFFP (still invited).
# Two left: EYML declined in February, WIRC closed its office in July.
# Three core partners have gone quiet since the spring: AVFRC, WHAN and CYOC.

PARTNERS: list[dict[str, Any]] = [
    {
        "name": "Unión de Inquilinos de Boyle Heights",
        "aliases": ["Boyle Heights Tenants Union", "UIBH"],
        "history": [("prospect", "2016-09-01"), ("core", "2016-09-15", "Founding member of the chapter.")],
        "districts": ["sd1"],
        "languages": ["es", "en"],
        "contacts": ["María Elena Martínez"],
        "website": "https://uibh.example.org",
        "tags": ["housing", "tenants"],
        "notes": "Hosts the Boyle Heights trainings; members testify in Spanish.",
    },
    {
        "name": "Koreatown Labor Counseling Center",
        "aliases": ["한인노동상담소", "KLCC"],
        "history": [("prospect", "2016-09-01"), ("core", "2016-09-15", "Founding member of the chapter.")],
        "districts": ["sd2", "sd3"],
        "languages": ["ko", "es", "en"],
        "contacts": ["박수진"],
        "website": "https://klcc.example.org",
        "tags": ["labor", "wage-theft"],
        "notes": "Restaurant and garment workers, Korean and Latino members.",
    },
    {
        "name": "Caregivers United Local 7719",
        "aliases": ["Local 7719"],
        "history": [("prospect", "2016-09-01"), ("core", "2016-09-15", "Founding member of the chapter.")],
        "districts": COUNTYWIDE,
        "languages": ["en", "es", "tl", "hy"],
        "contacts": ["Terrence Moore", "Gabriela Ríos"],
        "tags": ["union", "home-care"],
        "notes": "In-home caregivers; brings the largest delegations to hearings and lobby days.",
    },
    {
        "name": "South LA Food Justice Network",
        "aliases": ["SLFJN"],
        "history": [
            ("prospect", "2016-09-01"),
            ("invited", "2016-09-20"),
            ("core", "2016-10-20", "Voted in at the October chapter meeting."),
        ],
        "districts": ["sd2"],
        "languages": ["en", "es"],
        "contacts": ["Denise Washington"],
        "website": "https://slfjn.example.org",
        "tags": ["food", "calfresh"],
    },
    {
        "name": "Centro de Jornaleros del Valle de Pomona",
        "aliases": ["Pomona Valley Day Labor Center", "CJVP"],
        "history": [
            ("prospect", "2016-09-01"),
            ("invited", "2016-09-22"),
            ("core", "2016-10-20", "Voted in at the October chapter meeting."),
        ],
        "districts": ["sd1"],
        "languages": ["es", "en"],
        "contacts": ["José Luis Hernández"],
        "tags": ["labor", "day-laborers"],
    },
    {
        "name": "San Fernando Valley Legal Aid Project",
        "aliases": ["SFV Legal Aid", "SFVLAP"],
        "history": [("invited", "2016-09-20"), ("core", "2016-10-20", "Voted in at the October chapter meeting.")],
        "districts": ["sd3"],
        "languages": ["en", "es", "hy"],
        "contacts": ["Nairi Hakobyan"],
        "website": "https://sfvlegalaid.example.org",
        "tags": ["legal-services", "general-relief"],
        "notes": "Represents General Relief applicants at fair hearings; does not join street actions.",
    },
    {
        "name": "Westside Homeless Advocates Network",
        "aliases": ["WHAN"],
        "history": [("invited", "2016-09-20"), ("core", "2016-10-20", "Voted in at the October chapter meeting.")],
        "districts": ["sd3"],
        "languages": ["en"],
        "contacts": ["Eleanor Fitzgerald"],
        "tags": ["homelessness", "measure-h"],
        "notes": "All-volunteer; its coordinator stepped back in the summer of 2017.",
    },
    {
        "name": "Whittier Immigrant Rights Coalition",
        "aliases": ["WIRC"],
        "history": [
            ("invited", "2016-09-20"),
            ("core", "2016-10-20", "Voted in at the October chapter meeting."),
            ("former", "2017-07-31", "Lost its foundation grant and closed its Whittier office."),
        ],
        "districts": ["sd4"],
        "languages": ["es", "en"],
        "contacts": ["Arturo Mendoza"],
        "tags": ["immigration"],
    },
    {
        "name": "Samahan ng mga Manggagawang Pilipino",
        "aliases": ["Filipino Workers Alliance", "SMP"],
        "history": [
            ("prospect", "2016-09-15"),
            ("invited", "2016-10-10"),
            ("core", "2016-11-17", "Voted in at the November chapter meeting."),
        ],
        "districts": ["sd1", "sd2"],
        "languages": ["tl", "en"],
        "contacts": ["Maricel Dela Cruz"],
        "tags": ["labor", "home-care"],
    },
    {
        "name": "Chinatown Seniors Association",
        "aliases": ["華埠長者協會", "CSA"],
        "history": [
            ("prospect", "2016-09-10"),
            ("invited", "2016-10-10"),
            ("core", "2016-11-17", "Voted in at the November chapter meeting."),
        ],
        "districts": ["sd1"],
        "languages": ["zh", "en"],
        "contacts": ["陳美玲"],
        "tags": ["seniors", "medi-cal"],
    },
    {
        "name": "Compton Youth Organizing Collective",
        "aliases": ["CYOC"],
        "history": [("prospect", "2016-09-15"), ("core", "2016-11-17", "Voted in at the November chapter meeting.")],
        "districts": ["sd2"],
        "languages": ["en", "es"],
        "contacts": ["Jamal Carter"],
        "tags": ["youth"],
        "notes": "Student-led; quiet over the summer.",
    },
    {
        "name": "Long Beach Community Health Alliance",
        "aliases": ["LBCHA"],
        "history": [("invited", "2016-11-01"), ("core", "2016-12-15", "Voted in at the December chapter meeting.")],
        "districts": ["sd4"],
        "languages": ["en", "es", "tl"],
        "contacts": ["Rebecca Sandoval"],
        "website": "https://lbcha.example.org",
        "tags": ["health", "medi-cal"],
    },
    {
        "name": "Antelope Valley Family Resource Center",
        "aliases": ["AV Family Resource Center", "AVFRC"],
        "history": [("invited", "2016-11-10"), ("core", "2016-12-15", "Voted in at the December chapter meeting.")],
        "districts": ["sd5"],
        "languages": ["en", "es"],
        "contacts": ["Linda Morales"],
        "tags": ["family-services"],
        "notes": "Two hours from downtown; joins by phone when it can.",
    },
    {
        "name": "County Social Workers Local 3118",
        "aliases": ["Local 3118"],
        "history": [("invited", "2016-12-01"), ("core", "2017-01-19", "Voted in at the January chapter meeting.")],
        "districts": COUNTYWIDE,
        "languages": ["en", "es"],
        "contacts": ["Howard Kim"],
        "tags": ["union", "general-relief"],
        "notes": "County eligibility workers: knows how General Relief works from the inside.",
    },
    {
        "name": "Armenian Family Services of Glendale",
        "aliases": ["Հայ ընտանեկան ծառայություններ", "AFSG"],
        "history": [
            ("prospect", "2016-11-01"),
            ("invited", "2017-02-16", "Invited after the Glendale language-access conversation."),
            ("core", "2017-06-15", "Voted in at the June chapter meeting."),
        ],
        "districts": ["sd5"],
        "languages": ["hy", "en"],
        "contacts": ["Ani Grigoryan"],
        "tags": ["family-services", "language-access"],
    },
    {
        "name": "Pasadena Interfaith Action",
        "aliases": ["PIA"],
        "history": [
            ("prospect", "2017-01-10"),
            ("core", "2017-04-20", "Joined as a core partner straight away at the April chapter meeting."),
        ],
        "districts": ["sd5"],
        "languages": ["en", "es"],
        "contacts": ["Samuel Okafor"],
        "tags": ["faith"],
    },
    {
        "name": "Eastside Youth Media Lab",
        "aliases": ["EYML"],
        "history": [
            ("invited", "2016-10-10"),
            ("former", "2017-02-15", "Declined: no staff time for coalition work this year."),
        ],
        "districts": ["sd1"],
        "languages": ["en", "es"],
        "tags": ["youth", "media"],
    },
    {
        "name": "Inglewood Parents for Healthy Schools",
        "aliases": ["IPHS"],
        "history": [("prospect", "2017-03-01"), ("invited", "2017-05-18", "Invited at the Poverty Hearing.")],
        "districts": ["sd2"],
        "languages": ["en", "es"],
        "contacts": ["Keisha Robinson"],
        "tags": ["education", "calfresh"],
    },
    {
        "name": "Norwalk Family Food Pantry",
        "aliases": ["Despensa Familiar de Norwalk", "NFFP"],
        "history": [("prospect", "2017-02-01"), ("invited", "2017-07-20")],
        "districts": ["sd4"],
        "languages": ["es", "en"],
        "contacts": ["Gloria Ramírez"],
        "tags": ["food", "calfresh"],
    },
    {
        "name": "San Gabriel Valley Chinese Parents Association",
        "aliases": ["聖蓋博谷華人家長會", "SGVCPA"],
        "history": [("prospect", "2016-10-01"), ("invited", "2016-11-20")],
        "districts": ["sd1", "sd5"],
        "languages": ["zh", "en"],
        "contacts": ["Kevin Liu"],
        "tags": ["education"],
        "notes": "Its board has not voted on joining yet.",
    },
    {
        "name": "Antelope Valley Promotoras Network",
        "aliases": ["AVPN"],
        "history": [("prospect", "2017-04-10")],
        "districts": ["sd5"],
        "languages": ["es", "en"],
        "contacts": ["Yesenia Flores"],
        "tags": ["health"],
    },
    {
        "name": "Long Beach Tenants Rights Project",
        "aliases": ["LBTRP"],
        "history": [("prospect", "2017-06-01")],
        "districts": ["sd4"],
        "languages": ["en", "es"],
        "contacts": ["Sophal Keo"],
        "tags": ["housing", "tenants"],
    },
    {
        "name": "Historic Filipinotown Health Network",
        "aliases": ["HFHN"],
        "history": [("prospect", "2016-12-01")],
        "districts": ["sd1"],
        "languages": ["tl", "en"],
        "tags": ["health"],
    },
    {
        "name": "East Valley Housing Collaborative",
        "aliases": ["EVHC"],
        "history": [("prospect", "2017-05-01")],
        "districts": ["sd3"],
        "languages": ["es", "en"],
        "tags": ["housing"],
    },
    {
        "name": "Santa Monica Senior Renters Association",
        "aliases": ["SMSRA"],
        "history": [("prospect", "2017-08-10")],
        "districts": ["sd3"],
        "languages": ["en"],
        "tags": ["seniors", "housing"],
    },
]

# --- officials ----------------------------------------------------------------
# Real offices and districts, fictional names. Supervisors sit at the Kenneth Hahn
# Hall of Administration; legislators at the State Capitol.

HALL = "Kenneth Hahn Hall of Administration, 500 W. Temple St., Los Angeles"
HALL_ADDRESS = "Kenneth Hahn Hall of Administration, 500 W. Temple St., Los Angeles, CA 90012"
HEARING_ROOM = "Board Hearing Room 381B, Kenneth Hahn Hall of Administration, 500 W. Temple St., Los Angeles"
CAPITOL = "State Capitol, Sacramento, CA 95814"
CITY_HALL = "Los Angeles City Hall, 200 N. Spring St., Los Angeles, CA 90012"
SUPERVISORS = "LA County Board of Supervisors"
ASSEMBLY = "California State Assembly"
SENATE = "California State Senate"
COUNCIL = "Los Angeles City Council"

OFFICIALS: list[dict[str, Any]] = [
    # name, office, level, district, party, term, office contacts
    {
        "name": "Teresa Villaseñor",
        "aliases": ["Supervisor Villaseñor"],
        "office": SUPERVISORS,
        "level": "county",
        "district": "1",
        "party": "Democratic",
        "term": ("2014-12-01", "2018-12-03"),
        "email": "firstdistrict@example.net",
        "offices": [("Hall of Administration", f"{HALL_ADDRESS}, Room 856", "213-555-0101")],
    },
    {
        "name": "Marcus Whitfield",
        "aliases": ["Supervisor Whitfield"],
        "office": SUPERVISORS,
        "level": "county",
        "district": "2",
        "party": "Democratic",
        "term": ("2016-12-05", "2020-12-07"),
        "email": "seconddistrict@example.net",
        "offices": [("Hall of Administration", f"{HALL_ADDRESS}, Room 866", "213-555-0102")],
    },
    {
        "name": "Miriam Adler",
        "aliases": ["Supervisor Adler"],
        "office": SUPERVISORS,
        "level": "county",
        "district": "3",
        "party": "Democratic",
        "term": ("2014-12-01", "2018-12-03"),
        "email": "thirddistrict@example.net",
        "offices": [("Hall of Administration", f"{HALL_ADDRESS}, Room 821", "213-555-0103")],
    },
    {
        "name": "Joan Castellano",
        "aliases": ["Supervisor Castellano"],
        "office": SUPERVISORS,
        "level": "county",
        "district": "4",
        "party": "Democratic",
        "term": ("2016-12-05", "2020-12-07"),
        "email": "fourthdistrict@example.net",
        "offices": [("Hall of Administration", f"{HALL_ADDRESS}, Room 822", "213-555-0104")],
    },
    {
        "name": "Katherine Brandt",
        "aliases": ["Supervisor Brandt"],
        "office": SUPERVISORS,
        "level": "county",
        "district": "5",
        "party": "Republican",
        "term": ("2016-12-05", "2020-12-07"),
        "email": "fifthdistrict@example.net",
        "offices": [("Hall of Administration", f"{HALL_ADDRESS}, Room 869", "213-555-0105")],
    },
    {
        "name": "Elena Robles",
        "office": ASSEMBLY,
        "level": "state",
        "district": "AD-51",
        "party": "Democratic",
        "term": ("2016-12-05", "2018-11-30"),
        "offices": [("capitol", CAPITOL, "916-555-0151")],
    },
    {
        "name": "Rafael Ortega",
        "office": ASSEMBLY,
        "level": "state",
        "district": "AD-53",
        "party": "Democratic",
        "term": ("2016-12-05", "2018-11-30"),
        "offices": [("capitol", CAPITOL, "916-555-0153")],
    },
    {
        "name": "Darnell Hughes",
        "office": ASSEMBLY,
        "level": "state",
        "district": "AD-54",
        "party": "Democratic",
        "term": ("2016-12-05", "2018-11-30"),
        "offices": [("capitol", CAPITOL, "916-555-0154")],
    },
    {
        "name": "Anahit Sargsyan",
        "aliases": ["Անահիտ Սարգսյան"],
        "office": ASSEMBLY,
        "level": "state",
        "district": "AD-43",
        "party": "Democratic",
        "term": ("2016-12-05", "2018-11-30"),
        "offices": [("capitol", CAPITOL, "916-555-0143")],
    },
    {
        "name": "Kevin Nakamura",
        "office": ASSEMBLY,
        "level": "state",
        "district": "AD-70",
        "party": "Democratic",
        "term": ("2016-12-05", "2018-11-30"),
        "offices": [("capitol", CAPITOL, "916-555-0170")],
    },
    {
        "name": "Carlos Medina",
        "office": SENATE,
        "level": "state",
        "district": "SD-24",
        "party": "Democratic",
        "term": ("2014-12-01", "2018-11-30"),
        "offices": [("capitol", CAPITOL, "916-555-0124")],
    },
    {
        "name": "Alicia Grant",
        "office": SENATE,
        "level": "state",
        "district": "SD-30",
        "party": "Democratic",
        "term": ("2016-12-05", "2020-11-30"),
        "offices": [("capitol", CAPITOL, "916-555-0130")],
    },
    {
        "name": "Paul Hovsepian",
        "office": SENATE,
        "level": "state",
        "district": "SD-25",
        "party": "Democratic",
        "term": ("2016-12-05", "2020-11-30"),
        "offices": [("capitol", CAPITOL, "916-555-0125")],
    },
    {
        "name": "Jorge Navarro",
        "aliases": ["Councilmember Navarro"],
        "office": COUNCIL,
        "level": "city",
        "district": "CD-1",
        "term": ("2015-07-01", "2020-12-14"),
        "offices": [("City Hall", f"{CITY_HALL}, Room 460", "213-555-0161")],
    },
    {
        "name": "Loretta Simmons",
        "aliases": ["Councilmember Simmons"],
        "office": COUNCIL,
        "level": "city",
        "district": "CD-9",
        "term": ("2015-07-01", "2020-12-14"),
        "offices": [("City Hall", f"{CITY_HALL}, Room 420", "213-555-0169")],
    },
    {
        "name": "Ramón Estrada",
        "aliases": ["Councilmember Estrada"],
        "office": COUNCIL,
        "level": "city",
        "district": "CD-14",
        "term": ("2015-07-01", "2020-12-14"),
        "offices": [("City Hall", f"{CITY_HALL}, Room 465", "213-555-0174")],
    },
    {
        "name": "David Kessler",
        "aliases": ["Mayor Kessler"],
        "office": "Mayor of Los Angeles",
        "level": "city",
        "term": ("2017-07-01", "2022-12-12"),
        "offices": [("City Hall", f"{CITY_HALL}, Room 303", "213-555-0180")],
    },
    {
        "name": "Robert Ishikawa",
        "aliases": ["Mayor Ishikawa"],
        "office": "Mayor of Long Beach",
        "level": "city",
        "term": ("2014-07-15", "2018-07-17"),
        "offices": [("City Hall", "Long Beach City Hall, 333 W. Ocean Blvd., Long Beach, CA 90802", "562-555-0190")],
    },
]

# --- people -----------------------------------------------------------------
# name, aliases, affiliation (a partner) or works_for (an official), title,
# languages, email, phone, address. Emails are on reserved example domains and
# phone numbers in the 555-0100..0199 range kept for fiction.

PEOPLE: list[dict[str, Any]] = [
    # The chapter's organizers: no affiliation; they own the follow-ups.
    {
        "name": "Ana Lucía Cruz",
        "title": "Chapter Organizer",
        "languages": ["es", "en"],
        "email": "ana.cruz@example.org",
        "phone": "213-555-0110",
        "tags": ["staff"],
    },
    {
        "name": "Marcus Bell",
        "title": "Chapter Organizer",
        "languages": ["en"],
        "email": "marcus.bell@example.org",
        "phone": "213-555-0111",
        "tags": ["staff"],
    },
    {
        "name": "Grace Villanueva",
        "title": "Chapter Director",
        "languages": ["tl", "en"],
        "email": "grace.villanueva@example.org",
        "phone": "213-555-0112",
        "tags": ["staff"],
    },
    # Staff of the supervisors.
    {
        "name": "Daniel Ochoa",
        "works_for": "teresa-villasenor",
        "title": "Budget Deputy",
        "languages": ["en", "es"],
        "email": "dochoa@example.org",
        "phone": "213-555-0121",
    },
    {
        "name": "Lucía Fernández",
        "works_for": "teresa-villasenor",
        "title": "Health Deputy",
        "languages": ["es", "en"],
        "email": "lfernandez@example.org",
        "phone": "213-555-0122",
    },
    {
        "name": "Kendra Booker",
        "works_for": "marcus-whitfield",
        "title": "Chief of Staff",
        "languages": ["en"],
        "email": "kbooker@example.org",
        "phone": "213-555-0123",
    },
    {
        "name": "Andre Phillips",
        "works_for": "marcus-whitfield",
        "title": "Homelessness Deputy",
        "languages": ["en"],
        "email": "aphillips@example.org",
        "phone": "213-555-0124",
    },
    {
        "name": "Sarah Lindqvist",
        "works_for": "miriam-adler",
        "title": "Health Deputy",
        "languages": ["en"],
        "email": "slindqvist@example.org",
        "phone": "213-555-0125",
    },
    {
        "name": "Minh Tran",
        "works_for": "joan-castellano",
        "title": "Budget Deputy",
        "languages": ["en"],
        "email": "mtran@example.org",
        "phone": "213-555-0126",
    },
    {
        "name": "Patricia Ocampo",
        "works_for": "joan-castellano",
        "title": "Senior Deputy",
        "languages": ["en", "es"],
        "email": "pocampo@example.org",
        "phone": "562-555-0127",
    },
    {
        "name": "Greg Holloway",
        "works_for": "katherine-brandt",
        "title": "Chief of Staff",
        "languages": ["en"],
        "email": "gholloway@example.org",
        "phone": "661-555-0128",
    },
    # Staff of state and city officials.
    {
        "name": "Christine Yoo",
        "works_for": "rafael-ortega",
        "title": "Chief of Staff",
        "languages": ["ko", "en"],
        "email": "cyoo@example.org",
        "phone": "213-555-0131",
    },
    {
        "name": "Vahe Petrosyan",
        "aliases": ["Վահե Պետրոսյան"],
        "works_for": "anahit-sargsyan",
        "title": "District Director",
        "languages": ["hy", "en"],
        "email": "vpetrosyan@example.org",
        "phone": "818-555-0132",
    },
    {
        "name": "Óscar Beltrán",
        "works_for": "carlos-medina",
        "title": "District Director",
        "languages": ["es", "en"],
        "email": "obeltran@example.org",
        "phone": "213-555-0133",
    },
    {
        "name": "Jessica Lam",
        "works_for": "ramon-estrada",
        "title": "Field Deputy",
        "languages": ["en", "zh"],
        "email": "jlam@example.org",
        "phone": "213-555-0134",
    },
    {
        "name": "Monica Reyes",
        "works_for": "david-kessler",
        "title": "Homelessness Policy Director",
        "languages": ["en", "es"],
        "email": "mreyes@example.org",
        "phone": "213-555-0135",
    },
    {
        "name": "Tiffany Alvarez",
        "works_for": "robert-ishikawa",
        "title": "Senior Advisor",
        "languages": ["en", "es"],
        "email": "talvarez@example.org",
        "phone": "562-555-0136",
    },
    # Partners' contacts.
    {
        "name": "María Elena Martínez",
        "affiliation": "UIBH",
        "title": "Lead Organizer",
        "languages": ["es", "en"],
        "email": "maria.martinez@example.org",
        "phone": "323-555-0141",
    },
    {
        "name": "박수진",
        "aliases": ["Sujin Park", "Park Su-jin"],
        "affiliation": "KLCC",
        "title": "Executive Director",
        "languages": ["ko", "en"],
        "email": "sujin.park@example.org",
        "phone": "213-555-0142",
    },
    {
        "name": "Terrence Moore",
        "affiliation": "Local 7719",
        "title": "Political Director",
        "languages": ["en"],
        "email": "tmoore@example.org",
        "phone": "213-555-0143",
    },
    {
        "name": "Gabriela Ríos",
        "affiliation": "Local 7719",
        "title": "Member Organizer",
        "languages": ["es", "en"],
        "email": "gabriela.rios@example.org",
        "phone": "626-555-0144",
    },
    {
        "name": "Denise Washington",
        "affiliation": "SLFJN",
        "title": "Director",
        "languages": ["en"],
        "email": "denise@example.org",
        "phone": "323-555-0145",
    },
    {
        "name": "José Luis Hernández",
        "affiliation": "CJVP",
        "title": "Coordinator",
        "languages": ["es", "en"],
        "email": "joseluis@example.org",
        "phone": "909-555-0146",
    },
    {
        "name": "Nairi Hakobyan",
        "aliases": ["Նաիրի Հակոբյան"],
        "affiliation": "SFVLAP",
        "title": "Staff Attorney",
        "languages": ["hy", "en", "es"],
        "email": "nhakobyan@example.org",
        "phone": "818-555-0147",
    },
    {
        "name": "Eleanor Fitzgerald",
        "affiliation": "WHAN",
        "title": "Volunteer Coordinator",
        "languages": ["en"],
        "email": "eleanor.fitz@example.com",
        "phone": "310-555-0148",
    },
    {
        "name": "Arturo Mendoza",
        "affiliation": "WIRC",
        "title": "Director",
        "languages": ["es", "en"],
        "email": "arturo@example.org",
        "phone": "562-555-0149",
    },
    {
        "name": "Maricel Dela Cruz",
        "affiliation": "SMP",
        "title": "Organizing Director",
        "languages": ["tl", "en"],
        "email": "maricel@example.org",
        "phone": "213-555-0150",
    },
    {
        "name": "陳美玲",
        "aliases": ["Meiling Chen", "Chen Meiling"],
        "affiliation": "CSA",
        "title": "Program Manager",
        "languages": ["zh", "en"],
        "email": "meiling.chen@example.org",
        "phone": "213-555-0151",
    },
    {
        "name": "Jamal Carter",
        "affiliation": "CYOC",
        "title": "Youth Organizer",
        "languages": ["en"],
        "email": "jamal@example.org",
        "phone": "310-555-0152",
    },
    {
        "name": "Rebecca Sandoval",
        "affiliation": "LBCHA",
        "title": "Health Programs Director",
        "languages": ["en", "es"],
        "email": "rsandoval@example.org",
        "phone": "562-555-0153",
    },
    {
        "name": "Linda Morales",
        "affiliation": "AVFRC",
        "title": "Director",
        "languages": ["en", "es"],
        "email": "lmorales@example.org",
        "phone": "661-555-0154",
    },
    {
        "name": "Howard Kim",
        "affiliation": "Local 3118",
        "title": "President",
        "languages": ["en", "ko"],
        "email": "hkim@example.org",
        "phone": "213-555-0155",
    },
    {
        "name": "Ani Grigoryan",
        "aliases": ["Անի Գրիգորյան"],
        "affiliation": "AFSG",
        "title": "Case Manager",
        "languages": ["hy", "en"],
        "email": "ani.grigoryan@example.org",
        "phone": "818-555-0156",
    },
    {
        "name": "Samuel Okafor",
        "aliases": ["Rev. Samuel Okafor"],
        "affiliation": "PIA",
        "title": "Co-Chair",
        "languages": ["en"],
        "email": "sokafor@example.org",
        "phone": "626-555-0157",
    },
    {
        "name": "Keisha Robinson",
        "affiliation": "IPHS",
        "title": "Parent Leader",
        "languages": ["en"],
        "email": "keisha.robinson@example.com",
        "phone": "310-555-0158",
    },
    {
        "name": "Gloria Ramírez",
        "affiliation": "NFFP",
        "title": "Pantry Coordinator",
        "languages": ["es"],
        "email": "gloria.ramirez@example.com",
        "phone": "562-555-0159",
    },
    {
        "name": "Kevin Liu",
        "aliases": ["劉凱文"],
        "affiliation": "SGVCPA",
        "title": "Board Member",
        "languages": ["zh", "en"],
        "email": "kevin.liu@example.com",
        "phone": "626-555-0160",
    },
    {
        "name": "Yesenia Flores",
        "affiliation": "AVPN",
        "title": "Promotora",
        "languages": ["es", "en"],
        "email": "yesenia.flores@example.com",
        "phone": "661-555-0161",
    },
    {
        "name": "Sophal Keo",
        "affiliation": "LBTRP",
        "title": "Tenant Organizer",
        "languages": ["en"],
        "email": "sophal@example.org",
        "phone": "562-555-0162",
    },
    # Members who gave testimonies. Their addresses are invented.
    {
        "name": "Rosario Gutiérrez",
        "affiliation": "UIBH",
        "title": "Member",
        "languages": ["es"],
        "phone": "323-555-0171",
        "address": "2417 Calle Jazmín, Apt. 3, Los Angeles, CA 90033",
        "tags": ["member"],
    },
    {
        "name": "James Whitaker",
        "affiliation": "Local 7719",
        "title": "Member, home care provider",
        "languages": ["en"],
        "email": "jwhitaker@example.com",
        "phone": "562-555-0172",
        "address": "818 Sandpiper Court, Long Beach, CA 90805",
        "tags": ["member"],
    },
    {
        "name": "Carmen Ávila",
        "affiliation": "CJVP",
        "title": "Member",
        "languages": ["es"],
        "phone": "909-555-0173",
        "address": "153 Olivo Lane, Pomona, CA 91766",
        "tags": ["member"],
    },
]

ORGANIZERS = ["Ana Lucía Cruz", "Marcus Bell", "Grace Villanueva"]

# --- priorities ---------------------------------------------------------------

PRIORITIES: list[dict[str, Any]] = [
    {
        "name": "Measure H",
        "title": "Measure H: homelessness funding that reaches community providers",
        "identified": "2016-11-17",
        "description": (
            "The quarter-cent sales tax for homeless services, on the March 2017 ballot. After it passed, the "
            "chapter pushes for a share of the funds to go to community-based providers in every district."
        ),
        "strategies": [
            ("Yes on H: phone banks and a rally before the March election", ["UIBH", "Local 7719", "SLFJN", "WHAN"]),
            ("Community seats at the Measure H planning sessions", ["WHAN", "SFVLAP", "PIA"]),
        ],
        "positions": [
            ("teresa-villasenor", "support", "2016-12-06", "Board vote placing Measure H on the ballot"),
            ("marcus-whitfield", "support", "2016-12-06", "Board vote placing Measure H on the ballot"),
            ("miriam-adler", "support", "2016-12-06", "Board vote placing Measure H on the ballot"),
            ("joan-castellano", "support", "2016-12-06", "Board vote placing Measure H on the ballot"),
            ("katherine-brandt", "undecided", "2017-01-25", "One-on-one with her chief of staff"),
            ("ramon-estrada", "support", "2017-03-22", "One-on-one with his field deputy"),
            ("david-kessler", "support", "2017-04-26", "One-on-one with his homelessness policy director"),
        ],
        "tags": ["homelessness"],
    },
    {
        "name": "General Relief",
        "title": "Raise General Relief grants above $221 a month",
        "identified": "2017-01-19",
        "description": (
            "General Relief, the county's cash aid for adults with no other income, has paid $221 a month since "
            "the 1990s. The chapter asks the Board of Supervisors to raise it and to ease its time limits."
        ),
        "strategies": [
            ("Testimony by General Relief recipients at Board of Supervisors hearings", ["UIBH", "CJVP", "Local 3118"]),
            ("Postcards from members to all five supervisors", ["Local 7719", "SMP"]),
            ("Fair-hearing clinics and case stories for the budget deputies", ["SFVLAP"]),
        ],
        "positions": [
            ("marcus-whitfield", "support", "2017-02-08", "One-on-one"),
            ("teresa-villasenor", "support", "2017-03-08", "One-on-one with her budget deputy"),
            ("joan-castellano", "undecided", "2017-01-11", "One-on-one"),
            ("miriam-adler", "undecided", "2017-02-22", "One-on-one with her health deputy"),
            ("katherine-brandt", "oppose", "2017-04-18", "Remarks at the Board hearing on General Relief"),
            ("carlos-medina", "support", "2017-05-18", "Spoke at the LA Poverty Hearing"),
            ("miriam-adler", "support", "2017-09-06", "One-on-one with her health deputy"),
            ("joan-castellano", "undecided", "2017-09-13", "One-on-one"),
        ],
        "tags": ["cash-aid"],
    },
    {
        "name": "CalFresh and Medi-Cal",
        "title": "CalFresh and Medi-Cal outreach in every language",
        "identified": "2017-03-16",
        "description": (
            "Eligible families in Korean, Chinese, Tagalog and Armenian speaking neighborhoods enroll far less "
            "often. The chapter asks for funded in-language outreach by community groups."
        ),
        "strategies": [
            ("In-language enrollment clinics at partner sites", ["KLCC", "CSA", "SMP", "LBCHA", "AFSG"]),
            ("Ask the county for funded community outreach contracts", ["SLFJN"]),
        ],
        "positions": [
            ("rafael-ortega", "support", "2017-03-14", "Sacramento lobby day"),
            ("elena-robles", "support", "2017-03-14", "Sacramento lobby day"),
            ("darnell-hughes", "undecided", "2017-04-05", "One-on-one"),
            ("alicia-grant", "support", "2017-04-12", "One-on-one"),
            ("teresa-villasenor", "support", "2017-06-07", "One-on-one"),
            ("paul-hovsepian", "unknown", "2017-06-28", "One-on-one; asked for data by language"),
            ("miriam-adler", "support", "2017-09-06", "One-on-one with her health deputy"),
            ("joan-castellano", "undecided", "2017-09-13", "One-on-one"),
        ],
        "tags": ["health", "food"],
    },
]

# --- resources ----------------------------------------------------------------

RESOURCES: list[dict[str, Any]] = [
    {
        "title": "One-page introduction to the chapter",
        "kind": "factsheet",
        "topic": "organizing",
        "languages": ["en"],
        "date": "2016-10-01",
    },
    {
        "title": "County budget 101",
        "kind": "presentation",
        "topic": "budget",
        "languages": ["en", "es", "zh", "ko"],
        "date": "2017-02-10",
        "link": "https://example.org/capla/budget-101",
    },
    {
        "title": "General Relief: know your rights",
        "kind": "factsheet",
        "topic": "policy",
        "languages": ["en", "es", "hy"],
        "date": "2017-03-01",
    },
    {
        "title": "Telling your story at a public hearing",
        "kind": "toolkit",
        "topic": "organizing",
        "languages": ["en", "es"],
        "date": "2017-03-20",
    },
    {
        "title": "Measure H: where the money goes",
        "kind": "factsheet",
        "topic": "budget",
        "languages": ["en", "es", "ko"],
        "date": "2017-04-05",
    },
    {
        "title": "CalFresh and Medi-Cal enrollment guide",
        "kind": "toolkit",
        "topic": "language-access",
        "languages": ["en", "es", "zh", "tl", "ko", "hy"],
        "date": "2017-05-01",
        "link": "https://example.org/capla/enrollment-guide",
    },
    {
        "title": "LA Poverty Hearing 2017 highlights",
        "kind": "video",
        "topic": "media",
        "languages": ["en"],
        "date": "2017-06-10",
        "link": "https://example.org/capla/poverty-hearing-2017",
    },
    {
        "title": "One-on-one conversations: an organizing guide",
        "kind": "presentation",
        "topic": "organizing",
        "languages": ["en", "tl", "es"],
        "date": "2017-07-10",
    },
]

# --- engagements ----------------------------------------------------------------
# Dates are real weekdays of 2016-2017. At group events, each partner is
# represented by its first contact (added to `people` by the generator).

# Chapter meetings: the third Thursday of the month (May moved a week for the
# Poverty Hearing). Partners present, extra people, headcount, languages, notes.
# fmt: off
CHAPTER_MEETINGS: list[dict[str, Any]] = [
    {
        "date": "2016-10-20",
        "location": "Los Angeles Central Library, 630 W. 5th St.",
        "district": "sd1",
        "partners": ["UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "WHAN", "WIRC", "SMP", "CSA", "EYML"],
        "headcount": 24,
        "languages": ["en", "es"],
        "notes": "SLFJN, the Pomona day labor center, SFV Legal Aid, WHAN and WIRC voted in as core partners.",
    },
    {
        "date": "2016-11-17",
        "location": "Los Angeles Central Library, 630 W. 5th St.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "WHAN", "WIRC", "SMP", "CSA", "CYOC",
            "LBCHA", "AVFRC",
        ],
        "people": ["Rosario Gutiérrez"],
        "headcount": 31,
        "languages": ["en", "es", "zh", "tl"],
        "priorities": ["Measure H"],
        "notes": (
            "SMP, the Chinatown Seniors Association and CYOC voted in. Measure H chosen as the chapter's first "
            "priority. Rosario Gutiérrez told the room why she joined her tenants union."
        ),
    },
    {
        "date": "2016-12-15",
        "location": "Boyle Heights Senior Center, 2839 E. 3rd St.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "WHAN", "WIRC", "SMP", "CSA", "CYOC",
            "LBCHA", "AVFRC", "Local 3118", "SGVCPA",
        ],
        "headcount": 29,
        "languages": ["en", "es", "zh"],
        "priorities": ["Measure H"],
        "notes": "LBCHA and the Antelope Valley center voted in. Plan for the Yes on H campaign.",
    },
    {
        "date": "2017-01-19",
        "location": "Los Angeles Central Library, 630 W. 5th St.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "WHAN", "WIRC", "SMP", "CSA", "LBCHA",
            "Local 3118", "PIA",
        ],
        "headcount": 27,
        "languages": ["en", "es"],
        "priorities": ["Measure H", "General Relief"],
        "notes": "Local 3118 voted in. General Relief chosen as the second priority; the grant year's plan adopted.",
        "follow_ups": [
            ("Draft the 2017 calendar of trainings by district", "Grace Villanueva", "2017-02-03", "2017-02-01"),
        ],
    },
    {
        "date": "2017-02-16",
        "location": "Koreatown Senior and Community Center, 965 S. Normandie Ave.",
        "district": "sd2",
        "partners": ["UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SMP", "CSA", "CYOC", "LBCHA", "Local 3118"],
        "headcount": 25,
        "languages": ["en", "es", "ko"],
        "priorities": ["Measure H", "General Relief"],
        "notes": "Armenian Family Services invited to join. Eastside Youth Media Lab declined for this year.",
    },
    {
        "date": "2017-03-16",
        "location": "Los Angeles Central Library, 630 W. 5th St.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "WHAN", "WIRC", "SMP", "CSA", "AVFRC",
            "Local 3118", "AFSG", "PIA",
        ],
        "headcount": 30,
        "languages": ["en", "es", "hy"],
        "priorities": ["CalFresh and Medi-Cal", "General Relief"],
        "notes": "Measure H passed on March 7. CalFresh and Medi-Cal outreach chosen as the third priority.",
    },
    {
        "date": "2017-04-20",
        "location": "Pasadena Central Library, 285 E. Walnut St.",
        "district": "sd5",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "SMP", "CSA", "CYOC", "LBCHA", "AVFRC",
            "Local 3118", "AFSG", "PIA",
        ],
        "headcount": 28,
        "languages": ["en", "es"],
        "priorities": ["General Relief"],
        "notes": "Pasadena Interfaith Action joined as a core partner. Roles for the Poverty Hearing assigned.",
        "follow_ups": [
            ("Confirm interpreters for the Poverty Hearing", "Grace Villanueva", "2017-05-05", "2017-05-04"),
            ("Send hearing invitations to all five supervisors", "Marcus Bell", "2017-04-28", "2017-04-27"),
        ],
    },
    {
        "date": "2017-05-25",
        "location": "Los Angeles Central Library, 630 W. 5th St.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "WHAN", "WIRC", "SMP", "CSA", "LBCHA",
            "Local 3118", "AFSG", "PIA", "IPHS",
        ],
        "headcount": 33,
        "languages": ["en", "es", "ko"],
        "priorities": ["General Relief", "CalFresh and Medi-Cal"],
        "notes": "Poverty Hearing debrief: nine offices represented, eleven core partners in the room.",
    },
    {
        "date": "2017-06-15",
        "location": "Chinatown Branch Library, 639 N. Hill St.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "WHAN", "WIRC", "SMP", "CSA", "CYOC",
            "LBCHA", "Local 3118", "AFSG", "PIA",
        ],
        "headcount": 26,
        "languages": ["en", "zh", "hy"],
        "priorities": ["General Relief"],
        "notes": "Armenian Family Services voted in as a core partner. Budget vigil planned for June 26.",
    },
    {
        "date": "2017-07-20",
        "location": "Los Angeles Central Library, 630 W. 5th St.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "WIRC", "SMP", "CSA", "LBCHA", "Local 3118",
            "AFSG", "PIA", "NFFP",
        ],
        "headcount": 22,
        "languages": ["en", "es"],
        "priorities": ["CalFresh and Medi-Cal"],
        "notes": "Norwalk Family Food Pantry invited to join. WIRC says goodbye: its office closes at month's end.",
    },
    {
        "date": "2017-08-17",
        "location": "Pomona Public Library, 625 S. Garey Ave.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "SMP", "CSA", "LBCHA", "Local 3118", "AFSG",
            "PIA",
        ],
        "people": ["Carmen Ávila"],
        "headcount": 21,
        "languages": ["en", "es"],
        "priorities": ["General Relief"],
        "notes": (
            "A member of the Pomona center spoke about living on General Relief. Lobby day and the September "
            "Board action planned."
        ),
    },
    {
        "date": "2017-09-21",
        "location": "Los Angeles Central Library, 630 W. 5th St.",
        "district": "sd1",
        "partners": [
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SFVLAP", "SMP", "CSA", "LBCHA", "Local 3118", "AFSG",
            "PIA", "IPHS", "NFFP", "SGVCPA",
        ],
        "headcount": 34,
        "languages": ["en", "es", "ko", "zh"],
        "priorities": ["General Relief", "CalFresh and Medi-Cal"],
        "notes": (
            "Report on the Board action of September 19. Invited groups from Inglewood, Norwalk and the "
            "San Gabriel Valley joined as guests. Planning for October's language-access forum."
        ),
        "follow_ups": [
            ("Book Korean, Chinese and Armenian interpreters for the October meeting", "Grace Villanueva",
             "2017-10-06", None),
            ("Send the minutes and the Q3 report to every partner", "Ana Lucía Cruz", "2017-09-26", "2017-09-25"),
        ],
    },
]
# fmt: on

# One-on-ones with officials or their staff: (date, officials, people, location,
# priorities, notes, follow-ups as (task, owner, due, done)).
# fmt: off
OFFICIAL_ONE_ON_ONES: list[tuple[Any, ...]] = [
    # Late 2016: the chapter introduces itself.
    ("2016-10-13", ["teresa-villasenor"], ["Daniel Ochoa", "María Elena Martínez"], HALL, [],
     "Introduced the chapter. The supervisor asked what community groups see of county cash aid.",
     [("Send the chapter's one-pager and partner list", "Ana Lucía Cruz", "2016-10-20", "2016-10-18")]),
    ("2016-10-27", [], ["Kendra Booker", "Terrence Moore"], HALL, [],
     "Talked about the homelessness tax the Board is weighing for the March ballot.", []),
    ("2016-11-09", ["rafael-ortega"], ["박수진"], "Assembly District 53 office, Los Angeles", [],
     "Day after the election. Interested in CalFresh enrollment among Korean seniors.", []),
    ("2016-11-22", [], ["Sarah Lindqvist", "Nairi Hakobyan"], HALL, [],
     "Health deputy open to a briefing on Medi-Cal churn among legal aid clients.", []),
    ("2016-12-07", ["carlos-medina"], ["Óscar Beltrán", "María Elena Martínez"],
     "Senate District 24 office, Los Angeles", ["Measure H"],
     "The senator will endorse Measure H and wants to hear from tenants.",
     [("Invite the senator to a Boyle Heights tenants meeting", "Ana Lucía Cruz", "2017-01-13", "2017-01-10")]),
    ("2016-12-14", [], ["Minh Tran", "Rebecca Sandoval"], HALL, [],
     "Budget deputy of the new supervisor walked us through the county budget calendar.", []),
    # 2017.
    ("2017-01-11", ["joan-castellano"], ["Minh Tran", "Rebecca Sandoval"], HALL, ["General Relief"],
     "Undecided on General Relief; wants to know the cost of a $50 increase.",
     [("Send the cost estimate of a $50 General Relief increase", "Marcus Bell", "2017-01-27", "2017-01-26")]),
    ("2017-01-25", [], ["Greg Holloway", "Linda Morales"], HALL, ["Measure H"],
     "The supervisor has not taken a position on Measure H; worried about the sales tax in the Antelope Valley.",
     []),
    ("2017-02-08", ["marcus-whitfield"], ["Andre Phillips", "Denise Washington"], HALL,
     ["Measure H", "General Relief"],
     "Strong support for Measure H and for raising General Relief; asked for stories from South LA.",
     [("Collect three South LA General Relief stories", "Ana Lucía Cruz", "2017-03-01", "2017-02-27")]),
    ("2017-02-15", ["elena-robles"], ["María Elena Martínez"], "Assembly District 51 office, Los Angeles",
     ["CalFresh and Medi-Cal"], "Interested in a state budget ask for in-language CalFresh outreach.", []),
    ("2017-02-22", [], ["Sarah Lindqvist", "Nairi Hakobyan"], HALL, ["General Relief"],
     "Undecided on General Relief; the supervisor wants the Department of Public Social Services' view first.",
     []),
    ("2017-03-01", ["anahit-sargsyan"], ["Vahe Petrosyan", "Ani Grigoryan"], "Assembly District 43 office, Glendale",
     ["CalFresh and Medi-Cal"], "Armenian-language enrollment materials are scarce; she offered to co-host a clinic.",
     [("Send the Armenian draft of the enrollment guide", "Grace Villanueva", "2017-03-24", "2017-03-23")]),
    ("2017-03-08", [], ["Daniel Ochoa", "María Elena Martínez"], HALL, ["General Relief"],
     "The supervisor supports raising General Relief; her budget deputy wants caseload numbers by area.",
     [("Send General Relief caseload numbers by area", "Marcus Bell", "2017-03-22", "2017-03-21")]),
    ("2017-03-22", [], ["Jessica Lam", "陳美玲"], CITY_HALL, ["Measure H"],
     "The councilmember supports steering Measure H money to Chinatown and Boyle Heights providers.", []),
    ("2017-04-05", ["darnell-hughes"], ["Denise Washington"], "Assembly District 54 office, Los Angeles",
     ["CalFresh and Medi-Cal"], "Undecided; wants to see the cost of outreach contracts.", []),
    ("2017-04-12", ["alicia-grant"], ["Denise Washington", "Jamal Carter"], "Senate District 30 office, Los Angeles",
     ["CalFresh and Medi-Cal", "General Relief"], "Supports funded outreach; will speak with the county on GR.", []),
    ("2017-04-26", [], ["Monica Reyes", "Eleanor Fitzgerald"], CITY_HALL, ["Measure H"],
     "The mayor's office backs community providers in Measure H planning; invited us to the next session.", []),
    ("2017-05-03", ["loretta-simmons"], ["Denise Washington"], CITY_HALL, [],
     "Invited the councilmember to the Poverty Hearing; she sent regrets (council travel).", []),
    ("2017-05-10", ["jorge-navarro"], ["José Luis Hernández"], CITY_HALL, [],
     "Invited the councilmember to the Poverty Hearing; day laborers' wage theft cases discussed.", []),
    ("2017-06-07", ["teresa-villasenor"], ["Lucía Fernández", "María Elena Martínez"], HALL,
     ["CalFresh and Medi-Cal", "General Relief"],
     "After the hearing: she will back a motion for in-language outreach and study a GR increase.",
     [("Send testimony excerpts from the Poverty Hearing", "Ana Lucía Cruz", "2017-06-16", "2017-06-14")]),
    ("2017-06-20", ["robert-ishikawa"], ["Tiffany Alvarez", "Rebecca Sandoval"], "Long Beach City Hall",
     ["CalFresh and Medi-Cal"], "The mayor wants Long Beach's own health department in on the outreach plan.",
     [("Schedule a follow-up visit with Mayor Ishikawa's office", "Marcus Bell", "2017-07-31", None)]),
    ("2017-06-28", ["paul-hovsepian"], ["Ani Grigoryan", "Samuel Okafor"], "Senate District 25 office, Pasadena",
     ["CalFresh and Medi-Cal"], "No position yet; asked for enrollment data by language.",
     [("Send enrollment data by language", "Grace Villanueva", "2017-07-14", "2017-07-13")]),
    ("2017-07-12", [], ["Óscar Beltrán", "María Elena Martínez"], "Senate District 24 office, Los Angeles",
     ["CalFresh and Medi-Cal"], "District director will set up a CalFresh clinic at the senator's office.", []),
    ("2017-07-26", [], ["Christine Yoo", "박수진"], "Assembly District 53 office, Los Angeles",
     ["CalFresh and Medi-Cal"], "Planning a Koreatown enrollment clinic for the fall.", []),
    ("2017-08-09", [], ["Daniel Ochoa", "Lucía Fernández", "Howard Kim"], HALL, ["General Relief"],
     "Both deputies expect a General Relief motion in September; they asked who will speak.",
     [("Send the list of speakers for the September Board meeting", "Ana Lucía Cruz", "2017-09-01", "2017-08-31")]),
    ("2017-08-30", [], ["Greg Holloway"], HALL, ["General Relief"],
     "The supervisor still opposes a General Relief increase; wants Antelope Valley numbers.",
     [("Send Antelope Valley General Relief numbers to the supervisor's office", "Ana Lucía Cruz", "2017-09-08",
       None)]),
    ("2017-09-06", [], ["Sarah Lindqvist", "Nairi Hakobyan"], HALL, ["General Relief", "CalFresh and Medi-Cal"],
     "The supervisor now supports the General Relief motion and in-language outreach.",
     [("Share the enrollment guide in Korean and Tagalog", "Ana Lucía Cruz", "2017-10-13", None)]),
    ("2017-09-13", ["joan-castellano"], ["Minh Tran", "Patricia Ocampo", "Rebecca Sandoval"], HALL,
     ["General Relief", "CalFresh and Medi-Cal"], "Still undecided on both; wants data for the Fourth District.",
     [("Send General Relief caseload data for the Fourth District", "Marcus Bell", "2017-09-22", None)]),
]
# fmt: on

# One-on-ones with partner leaders (no official present): relationship building.
# fmt: off
PARTNER_ONE_ON_ONES: list[tuple[str, str, list[str], list[str], str]] = [
    ("2016-09-08", "One-on-one with María Elena Martínez of UIBH", ["UIBH"], ["María Elena Martínez"],
     "Talked about founding the chapter together."),
    ("2016-10-04", "One-on-one with Meiling Chen of the Chinatown seniors", ["CSA"], ["陳美玲"],
     "Seniors lose Medi-Cal at renewal when letters come only in English."),
    ("2017-01-17", "One-on-one with Samuel Okafor of Pasadena Interfaith Action", ["PIA"], ["Samuel Okafor"],
     "Congregations want a direct role in the General Relief campaign."),
    ("2017-03-07", "One-on-one with Keisha Robinson of Inglewood Parents", ["IPHS"], ["Keisha Robinson"],
     "Parents see hunger at school on Mondays; CalFresh interest."),
    ("2017-06-05", "One-on-one with Sophal Keo of the Long Beach tenants", ["LBTRP"], ["Sophal Keo"],
     "Long Beach tenants face rent hikes; curious about the coalition."),
    ("2017-08-24", "One-on-one with Yesenia Flores of the promotoras", ["AVPN"], ["Yesenia Flores"],
     "Promotoras could carry the enrollment guide in the Antelope Valley."),
]
# fmt: on

# Calls with staffers and partner contacts: (date, people, partners, title, notes).
# fmt: off
CALLS: list[tuple[str, list[str], list[str], str, str]] = [
    ("2016-09-12", ["박수진"], ["KLCC"], "Founding members call", "Agreed on a monthly meeting on third Thursdays."),
    ("2016-09-14", ["Terrence Moore"], ["Local 7719"], "Local 7719 joins as a founding member", "Board approved."),
    ("2016-09-20", ["Denise Washington"], ["SLFJN"], "Invitation to SLFJN", "Sent the invitation and the one-pager."),
    ("2016-09-21", ["Nairi Hakobyan"], ["SFVLAP"], "Invitation to SFV Legal Aid", "Interested; will come in October."),
    ("2016-09-22", ["José Luis Hernández"], ["CJVP"], "Invitation to the Pomona center", "Members voted yes."),
    ("2016-10-10", ["Maricel Dela Cruz"], ["SMP"], "Invitation to SMP", "Will bring two caregivers in November."),
    ("2016-10-11", ["陳美玲"], ["CSA"], "Invitation to the Chinatown seniors", "Needs Chinese interpretation."),
    ("2016-11-01", ["Rebecca Sandoval"], ["LBCHA"], "Invitation to LBCHA", "Long Beach wants a seat at the table."),
    ("2016-11-10", ["Linda Morales"], ["AVFRC"], "Invitation to the Antelope Valley center", "Will join by phone."),
    ("2016-11-28", ["Howard Kim"], ["Local 3118"], "Local 3118 and General Relief", "Eligibility workers see GR."),
    ("2016-12-01", ["Howard Kim"], ["Local 3118"], "Invitation to Local 3118", "Sent the invitation."),
    ("2016-12-12", ["Eleanor Fitzgerald"], ["WHAN"], "Yes on H volunteers", "WHAN will run two phone banks."),
    ("2017-01-05", ["Kevin Liu"], ["SGVCPA"], "Check-in with SGV parents", "Their board meets in the spring."),
    ("2017-01-23", ["Daniel Ochoa"], [], "Budget calendar with the First District", "Hearings in April and June."),
    ("2017-01-30", ["Gabriela Ríos"], ["Local 7719"], "Yes on H phone banks", "Caregivers will call in Spanish."),
    ("2017-02-01", ["Gloria Ramírez"], ["NFFP"], "First call with the Norwalk pantry", "Lines doubled since fall."),
    ("2017-02-06", ["Jamal Carter"], ["CYOC"], "Youth at the Yes on H rally", "CYOC will make signs."),
    ("2017-02-13", ["Ani Grigoryan"], ["AFSG"], "Armenian Family Services and language access", "Will join."),
    ("2017-02-20", ["Andre Phillips"], [], "Measure H rally logistics with the Second District", "Permit ok."),
    ("2017-03-06", ["Linda Morales"], ["AVFRC"], "Antelope Valley budget training idea", "Maybe in summer."),
    ("2017-03-09", ["Kendra Booker"], [], "Hearing date with the Second District", "May 18 works."),
    ("2017-03-13", ["Terrence Moore"], ["Local 7719"], "Lobby day roster", "Twelve caregivers on the bus."),
    ("2017-03-27", ["Eleanor Fitzgerald"], ["WHAN"], "After Measure H passed", "WHAN wants a planning seat."),
    ("2017-03-29", ["Patricia Ocampo"], [], "Fourth District and the Poverty Hearing", "Will send staff."),
    ("2017-04-03", ["Jessica Lam"], [], "Poverty Hearing invitation to the Fourteenth District", "Likely yes."),
    ("2017-04-10", ["Yesenia Flores"], ["AVPN"], "First call with the Antelope Valley promotoras",
     "Twenty promotoras; mostly health outreach."),
    ("2017-04-24", ["Monica Reyes"], [], "Poverty Hearing invitation to the mayor's office", "Staff will come."),
    ("2017-04-27", ["Linda Morales"], ["AVFRC"], "Antelope Valley families at the hearing", "A van for ten."),
    ("2017-05-01", ["Nairi Hakobyan"], ["SFVLAP"], "Testimony preparation", "Two clients will speak."),
    ("2017-05-08", ["Sarah Lindqvist"], [], "Hearing agenda with the Third District", "Health deputy attends."),
    ("2017-05-11", ["Keisha Robinson"], ["IPHS"], "Inglewood parents at the hearing", "Five parents coming."),
    ("2017-05-15", ["Minh Tran"], [], "Hearing agenda with the Fourth District", "Budget deputy attends."),
    ("2017-05-30", ["Kendra Booker"], [], "Thank-you call to the Second District", "Asked for a GR motion."),
    ("2017-06-01", ["Sophal Keo"], ["LBTRP"], "Long Beach tenants and the coalition", "Sent the one-pager."),
    ("2017-06-12", ["Jamal Carter"], ["CYOC"], "CYOC over the summer", "Students away until September."),
    ("2017-06-19", ["Tiffany Alvarez"], [], "Agenda for the Long Beach visit", "Mayor has 30 minutes."),
    ("2017-06-21", ["Howard Kim"], ["Local 3118"], "Budget vigil roster", "Thirty members after work."),
    ("2017-06-27", ["Eleanor Fitzgerald"], ["WHAN"], "WHAN's coordinator steps back",
     "No new coordinator yet; WHAN pauses coalition work for the summer."),
    ("2017-07-05", ["Andre Phillips"], [], "General Relief motion timing with the Second District",
     "Aim for September."),
    ("2017-07-10", ["Maricel Dela Cruz"], ["SMP"], "Tagalog one-on-one guide", "SMP will translate it."),
    ("2017-07-17", ["Arturo Mendoza"], ["WIRC"], "WIRC closing its office", "Members referred to SLFJN and NFFP."),
    ("2017-07-19", ["Andre Phillips"], [], "Draft General Relief motion", "Second District is drafting it."),
    ("2017-07-24", ["Rebecca Sandoval"], ["LBCHA"], "Long Beach march plans", "Route along Anaheim Street."),
    ("2017-07-31", ["Gloria Ramírez"], ["NFFP"], "Welcome to the Norwalk pantry", "Will come in September."),
    ("2017-08-02", ["Kevin Liu"], ["SGVCPA"], "SGV parents' decision", "Board votes in October."),
    ("2017-08-07", ["Sophal Keo"], ["LBTRP"], "Long Beach tenants and budget training", "Interested in one."),
    ("2017-08-10", [], ["SMSRA"], "First call with the Santa Monica senior renters",
     "Heard about us from SFV Legal Aid."),
    ("2017-08-14", ["Gabriela Ríos"], ["Local 7719"], "Lobby day roster", "Fifteen caregivers on the bus."),
    ("2017-08-15", ["Jessica Lam"], [], "Measure H forum with the Fourteenth District", "The councilmember will come."),
    ("2017-08-21", ["Patricia Ocampo"], [], "Meeting request with the Fourth District", "Set for September 13."),
    ("2017-08-24", ["Kendra Booker"], [], "General Relief motion on the September 19 agenda", "Confirmed."),
    ("2017-08-28", ["Samuel Okafor"], ["PIA"], "Congregations at the Board action", "Two buses from Pasadena."),
    ("2017-08-31", ["Monica Reyes"], [], "Measure H forum with the mayor's office", "She will speak."),
    ("2017-09-05", ["Keisha Robinson"], ["IPHS"], "Inglewood parents at the September meeting", "Will come."),
    ("2017-09-07", ["Yesenia Flores"], ["AVPN"], "Enrollment guide for promotoras", "Needs fifty copies."),
    ("2017-09-08", ["Vahe Petrosyan"], [], "Language access forum with the 43rd District", "He will attend."),
    ("2017-09-11", ["Christine Yoo"], [], "Koreatown clinic and the language access forum", "Both on."),
    ("2017-09-14", ["Howard Kim"], ["Local 3118"], "Board action roster", "Forty members."),
    ("2017-09-15", ["Sophal Keo"], ["LBTRP"], "Long Beach tenants at the forum", "Will come on the 27th."),
    ("2017-09-18", ["Greg Holloway"], [], "Fifth District and the General Relief motion", "Will vote no."),
    ("2017-09-20", ["Lucía Fernández"], [], "Outreach motion with the First District", "Drafting for October."),
    ("2017-09-25", ["José Luis Hernández"], ["CJVP"], "After the Board action", "Members want a follow-up."),
    ("2017-09-26", ["Denise Washington"], ["SLFJN"], "County outreach contracts", "RFP expected in November."),
    ("2017-09-28", ["Terrence Moore"], ["Local 7719"], "Q4 plan with Local 7719", "Focus on the GR vote."),
    ("2016-10-18", ["María Elena Martínez"], ["UIBH"], "Agenda for the October meeting", "Vote on five new members."),
    ("2016-11-14", ["Rebecca Sandoval"], ["LBCHA"], "LBCHA's board and the chapter", "Board votes in December."),
    ("2016-12-19", ["José Luis Hernández"], ["CJVP"], "Year-end check-in with the Pomona center",
     "Wants a budget training in El Monte."),
    ("2017-01-09", ["陳美玲"], ["CSA"], "Chinese interpretation for 2017", "CSA volunteers will interpret."),
    ("2017-02-02", ["Nairi Hakobyan"], ["SFVLAP"], "General Relief cases from the Valley", "Three clients will talk."),
    ("2017-02-21", ["Samuel Okafor"], ["PIA"], "Pasadena congregations and the chapter", "Ready to decide in April."),
    ("2017-03-20", ["박수진"], ["KLCC"], "Korean translation of the budget deck", "Done by April."),
    ("2017-05-22", ["Ani Grigoryan"], ["AFSG"], "After the hearing: joining as core", "Board votes in June."),
    ("2017-06-06", ["Maricel Dela Cruz"], ["SMP"], "Caregivers' hours and the state budget", "SMP tracks the vote."),
    ("2017-07-06", ["Denise Washington"], ["SLFJN"], "Support for the Long Beach march", "SLFJN brings a van."),
    ("2017-07-13", ["Nairi Hakobyan"], ["SFVLAP"], "Measure H planning seat", "SFV Legal Aid takes WHAN's place."),
    ("2017-08-03", ["陳美玲"], ["CSA"], "Enrollment clinic at the senior center", "First clinic on September 9."),
    ("2017-08-08", ["Rebecca Sandoval"], ["LBCHA"], "Long Beach after the march", "Asked about the mayor's office."),
    ("2017-08-16", ["Ani Grigoryan"], ["AFSG"], "Glendale budget training logistics", "Room booked."),
    ("2017-09-01", ["Maricel Dela Cruz"], ["SMP"], "Tagalog guide printed", "Two hundred copies."),
    ("2017-09-22", ["Samuel Okafor"], ["PIA"], "After the Board action", "Congregations plan a General Relief Sunday."),
]
# fmt: on

# Trainings, led by a chapter organizer, in partners' neighborhoods.
# fmt: off
TRAININGS: list[dict[str, Any]] = [
    dict(date="2016-11-05", topic="budget", title="County budget 101 in Van Nuys",
         location="Van Nuys Branch Library, 6250 Sylmar Ave.", district="sd3", partners=["SFVLAP", "WHAN"],
         headcount=18, languages=["en", "es", "hy"], notes="First run of the budget deck."),
    dict(date="2016-12-03", topic="organizing", title="One-on-ones and power mapping",
         location="Boyle Heights Senior Center, 2839 E. 3rd St.", district="sd1", partners=["UIBH", "CJVP", "SMP"],
         headcount=22, languages=["en", "es"], notes="Power map of the Board of Supervisors."),
    dict(date="2017-02-25", topic="budget", title="County budget 101 in El Monte",
         location="El Monte Library, 3224 Tyler Ave.", district="sd1", partners=["CJVP", "CSA", "UIBH"],
         headcount=31, languages=["en", "es", "zh"], notes="Where General Relief sits in the county budget."),
    dict(date="2017-03-25", topic="organizing", title="Telling your story: testimony training",
         location="Boyle Heights Senior Center, 2839 E. 3rd St.", district="sd1",
         partners=["UIBH", "CJVP", "Local 7719", "SFVLAP"], headcount=27, languages=["en", "es"],
         notes="Members practiced two-minute testimonies."),
    dict(date="2017-04-08", topic="budget", title="County budget 101 in Compton",
         location="Compton Library, 240 W. Compton Blvd.", district="sd2", partners=["SLFJN", "CYOC", "IPHS"],
         headcount=24, languages=["en", "es"], notes="Youth from CYOC co-facilitated."),
    dict(date="2017-05-06", topic="media", title="Talking to reporters before the hearing",
         location="Los Angeles Central Library, 630 W. 5th St.", district="sd1",
         partners=["UIBH", "KLCC", "Local 7719"], headcount=14, languages=["en", "es", "ko"],
         notes="Spokespeople for the Poverty Hearing."),
    dict(date="2017-06-10", topic="budget", title="Reading the county budget in Long Beach",
         location="Mark Twain Library, 1401 E. Anaheim St., Long Beach", district="sd4", partners=["LBCHA", "WIRC"],
         headcount=19, languages=["en", "es", "tl"], notes="The recommended budget line by line."),
    dict(date="2017-07-15", topic="organizing", title="Organizing 101 in Koreatown",
         location="Koreatown Senior and Community Center, 965 S. Normandie Ave.", district="sd2",
         partners=["KLCC", "SMP"], headcount=26, languages=["en", "ko", "es", "tl"],
         notes="One-on-ones, house meetings and follow-up."),
    dict(date="2017-08-26", topic="budget", title="County budget 101 in Glendale",
         location="Glendale Central Library, 222 E. Harvard St.", district="sd5", partners=["AFSG", "PIA"],
         headcount=23, languages=["en", "hy"], notes="First budget training in Armenian."),
]
# fmt: on


# Hearings, lobby days, actions, forums and the rest: each its own story.
# fmt: off
EVENTS: list[dict[str, Any]] = [
    dict(
        date="2016-12-06", kind="hearing", title="Board of Supervisors vote to place Measure H on the ballot",
        location=HEARING_ROOM, district="sd1",
        partners=["WHAN", "Local 7719", "UIBH"], people=["Marcus Bell"], headcount=35, languages=["en"],
        priorities=["Measure H"], tags=["measure-h"],
        notes="Four supervisors voted yes. Eleanor Fitzgerald spoke for WHAN.",
    ),
    dict(
        date="2016-11-30", kind="forum", title="After the election: what now for LA's poor",
        location="Los Angeles Central Library, 630 W. 5th St.", district="sd1",
        partners=["UIBH", "KLCC", "SLFJN", "Local 7719", "WIRC"], people=ORGANIZERS, headcount=64,
        languages=["en", "es", "ko"], notes="Open forum; sign-ups for the chapter's trainings.",
    ),
    dict(
        date="2017-01-07", kind="other", title="Chapter planning retreat",
        location="Boyle Heights Senior Center, 2839 E. 3rd St.", district="sd1",
        partners=["UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SMP", "CSA"], people=ORGANIZERS,
        headcount=19, languages=["en", "es"],
        notes="Drafted the year's calendar: hearing in May, lobby days in March and August.",
    ),
    dict(
        date="2017-01-28", kind="forum", title="Measure H community forum in South LA",
        location="Exposition Park Regional Library, 3900 S. Western Ave.", district="sd2",
        partners=["SLFJN", "CYOC", "Local 7719"], officials=["loretta-simmons"], people=["Marcus Bell"],
        headcount=58, languages=["en", "es"], priorities=["Measure H"],
        notes="The councilmember endorsed Measure H from the stage.",
    ),
    dict(
        date="2017-02-28", kind="action", title="Yes on H rally at Grand Park",
        location="Grand Park, 200 N. Grand Ave.", district="sd1",
        partners=["UIBH", "SLFJN", "Local 7719", "WIRC", "SMP"], people=ORGANIZERS, headcount=140,
        languages=["en", "es", "tl"], priorities=["Measure H"], tags=["measure-h"],
        notes="A week before the election. Caregivers and tenants marched from City Hall.",
    ),
    dict(
        date="2017-03-14", kind="lobby-day", title="Sacramento lobby day: CalFresh and Medi-Cal",
        location=CAPITOL,
        partners=["UIBH", "KLCC", "CSA", "LBCHA", "Local 7719"],
        officials=["elena-robles", "rafael-ortega", "kevin-nakamura", "carlos-medina", "alicia-grant"],
        people=["Ana Lucía Cruz", "Grace Villanueva", "Gabriela Ríos"], headcount=38,
        languages=["en", "es", "ko", "zh"], priorities=["CalFresh and Medi-Cal"],
        notes="Five visits. Assemblymember Nakamura listened but made no commitment.",
        follow_ups=[("Send thank-you letters to the five offices", "Grace Villanueva", "2017-03-24", "2017-03-20")],
    ),
    dict(
        date="2017-04-04", kind="other", title="Site visit to the Pomona day labor center",
        location="Pomona", district="sd1", partners=["CJVP"], people=["José Luis Hernández", "Ana Lucía Cruz"],
        headcount=12, languages=["es"], notes="Met members who wait for work at dawn; three receive General Relief.",
    ),
    dict(
        date="2017-04-18", kind="hearing", title="Board of Supervisors hearing on General Relief time limits",
        location=HEARING_ROOM, district="sd1",
        partners=["UIBH", "Local 7719", "Local 3118"],
        officials=["teresa-villasenor", "marcus-whitfield", "miriam-adler", "joan-castellano", "katherine-brandt"],
        people=["Marcus Bell", "Rosario Gutiérrez"], headcount=60, languages=["en", "es"],
        priorities=["General Relief"], tags=["general-relief"],
        notes="Public comment by six members. The Board received the report and took no vote.",
    ),
    dict(
        date="2017-05-18", kind="hearing", title="LA Poverty Hearing 2017",
        location=HEARING_ROOM, district="sd1",
        partners=[
            "UIBH", "KLCC", "Local 7719", "SLFJN", "CJVP", "SMP", "CSA", "LBCHA", "AVFRC", "Local 3118", "WIRC",
            "AFSG", "IPHS",
        ],
        officials=[
            "teresa-villasenor", "marcus-whitfield", "elena-robles", "rafael-ortega", "carlos-medina",
            "ramon-estrada",
        ],
        people=[
            *ORGANIZERS, "Kendra Booker", "Sarah Lindqvist", "Minh Tran", "Monica Reyes", "James Whitaker",
            "Rosario Gutiérrez", "Gabriela Ríos",
        ],
        headcount=240, languages=["en", "es", "ko", "zh", "tl", "hy"],
        priorities=["General Relief", "Measure H", "CalFresh and Medi-Cal"], tags=["poverty-hearing"],
        notes=(
            "Twelve testimonies in six languages. Six officials came in person; the offices of Supervisors "
            "Adler and Castellano and of the mayor sent staff. Inglewood parents invited to join the chapter."
        ),
        follow_ups=[
            ("Send thank-you letters to the nine offices", "Grace Villanueva", "2017-05-26", "2017-05-24"),
            ("Publish the hearing video", "Marcus Bell", "2017-06-09", "2017-06-10"),
            ("Transcribe the testimonies in Spanish and English", "Ana Lucía Cruz", "2017-06-15", "2017-06-13"),
        ],
    ),
    dict(
        date="2017-05-31", kind="forum", title="CalFresh outreach forum in Chinatown",
        location="Alpine Recreation Center, 817 Yale St.", district="sd1",
        partners=["CSA", "SGVCPA"], people=["Lucía Fernández", "Grace Villanueva"], headcount=47,
        languages=["zh", "en"], priorities=["CalFresh and Medi-Cal"],
        notes="Seniors brought renewal letters they could not read.",
    ),
    dict(
        date="2017-06-13", kind="hearing", title="Assembly budget subcommittee hearing on CalFresh outreach",
        location=CAPITOL, partners=["SLFJN", "LBCHA"], officials=["rafael-ortega"],
        people=["Grace Villanueva"], headcount=9, languages=["en"], priorities=["CalFresh and Medi-Cal"],
        notes="Denise Washington testified for in-language outreach funding.",
    ),
    dict(
        date="2017-06-26", kind="action", title="Vigil for General Relief before the budget vote",
        location=HALL, district="sd1",
        partners=["UIBH", "CJVP", "Local 3118", "CSA"], people=["Ana Lucía Cruz", "Marcus Bell"],
        headcount=85, languages=["en", "es", "zh"], priorities=["General Relief"], tags=["general-relief"],
        notes="Candlelight vigil; 221 candles for $221 a month.",
    ),
    dict(
        date="2017-07-27", kind="action", title="Long Beach march for CalFresh access",
        location="Mark Twain Library, 1401 E. Anaheim St., Long Beach", district="sd4",
        partners=["LBCHA", "WIRC", "SLFJN"], people=["Marcus Bell"], headcount=70,
        languages=["en", "es", "tl"], priorities=["CalFresh and Medi-Cal"],
        notes="March along Anaheim Street to the county social services office.",
    ),
    dict(
        date="2017-08-22", kind="lobby-day", title="Sacramento lobby day: end of session",
        location=CAPITOL,
        partners=["KLCC", "CJVP", "SMP", "Local 7719", "Local 3118"],
        officials=[
            "elena-robles", "rafael-ortega", "darnell-hughes", "anahit-sargsyan", "carlos-medina", "alicia-grant",
            "paul-hovsepian",
        ],
        people=["Ana Lucía Cruz", "Grace Villanueva", "James Whitaker", "Gabriela Ríos"], headcount=44,
        languages=["en", "es", "ko", "tl"], priorities=["CalFresh and Medi-Cal"],
        notes="Seven visits on the last weeks of session.",
        follow_ups=[("Send thank-you letters to the seven offices", "Grace Villanueva", "2017-09-01", "2017-08-30")],
    ),
    dict(
        date="2017-09-12", kind="forum", title="Measure H six months in: community forum",
        location="Los Angeles City Hall, 200 N. Spring St.", district="sd1",
        partners=["SFVLAP", "PIA", "EVHC", "SMSRA", "UIBH"],
        officials=["jorge-navarro", "loretta-simmons", "ramon-estrada"], people=["Monica Reyes", "Marcus Bell"],
        headcount=92, languages=["en", "es"], priorities=["Measure H"],
        notes="Three councilmembers and the mayor's homelessness director heard from providers.",
    ),
    dict(
        date="2017-09-19", kind="action", title="Pack the Board for General Relief",
        location=HEARING_ROOM, district="sd1",
        partners=["UIBH", "CJVP", "Local 7719", "Local 3118", "KLCC", "IPHS"],
        people=[*ORGANIZERS, "Rosario Gutiérrez", "Carmen Ávila"], headcount=150, languages=["en", "es", "ko"],
        priorities=["General Relief"], tags=["general-relief"],
        notes="The motion to study a General Relief increase passed 3-1-1.",
    ),
    dict(
        date="2017-09-27", kind="forum", title="Language access forum in Koreatown",
        location="Koreatown Senior and Community Center, 965 S. Normandie Ave.", district="sd2",
        partners=["KLCC", "SMP", "CSA", "AFSG", "HFHN", "LBTRP"],
        people=["Christine Yoo", "Vahe Petrosyan", "Grace Villanueva"], headcount=76,
        languages=["ko", "zh", "tl", "hy", "es", "en"], priorities=["CalFresh and Medi-Cal"],
        notes="Interpretation in six languages. Two legislative offices sent staff.",
    ),
]
# fmt: on


# Testimonies on working as a collective: one per consent scope.
TESTIMONIES: list[dict[str, Any]] = [
    {
        "title": "Juntos nos escuchan",
        "person": "Rosario Gutiérrez",
        "partner": "UIBH",
        "date": "2016-11-17",
        "language": "es",
        "consent": {"scope": "public", "date": "2016-11-17", "note": "Signed release form, in Spanish."},
        "text": (
            "Cuando fui sola a la oficina del condado, nadie me escuchó. Cuando fuimos cuarenta inquilinos "
            "juntos, nos dieron una cita con la supervisora.\n"
            "Ahora sé que mi historia cuenta, pero cuenta más cuando la contamos juntos.\n"
        ),
        "tags": ["collective", "housing"],
    },
    {
        "title": "What the collective gave me",
        "person": "James Whitaker",
        "partner": "Local 7719",
        "date": "2017-05-18",
        "language": "en",
        "consent": {"scope": "internal", "date": "2017-05-18", "note": "Agreed to share within the coalition only."},
        "text": (
            "I take care of my mother and two clients. For years I thought the hours and the pay were my own "
            "problem.\n"
            "Standing in that room with nurses, tenants and day laborers, I saw it is the same problem, and "
            "that together we can be heard.\n"
        ),
        "tags": ["collective", "home-care"],
    },
    {
        "title": "El Relief no alcanza",
        "person": "Carmen Ávila",
        "partner": "CJVP",
        "date": "2017-08-17",
        "language": "es",
        "consent": {"scope": "none", "date": "2017-08-17", "note": "Asked that her story not be shared."},
        "file_text": (
            "Recibo 221 dólares al mes de General Relief. Con eso pago un cuarto compartido y ya no queda nada.\n"
            "En el centro de jornaleros aprendí que no soy la única, y que juntas podemos pedir más.\n"
        ),
        "tags": ["collective", "general-relief"],
    },
]


@dataclass
class Demo:
    """Every record of the demo, and the attachments it writes under files/."""

    records: list[Record] = field(default_factory=list)
    attachments: dict[str, str] = field(default_factory=dict)
    _by_id: dict[str, Record] = field(default_factory=dict)
    _names: dict[str, list[str]] = field(default_factory=dict)

    def add(self, record: Record, also: Sequence[str] = ()) -> Record:
        """Keep ``record``; tables may name it by its id, name, aliases or ``also``."""
        if record.id in self._by_id:
            raise ValueError(f"demo data: two records have the id {record.id!r}")
        self.records.append(record)
        self._by_id[record.id] = record
        for key in {record.id, *(fold(n) for n in [*record.names(), *also])}:
            self._names.setdefault(key, []).append(record.id)
        return record

    def ref(self, text: str) -> str:
        """The id of the one record named ``text`` (its id, name or an alias)."""
        ids = self._names.get(text) or self._names.get(fold(text)) or []
        if len(ids) != 1:
            raise KeyError(f"demo data: {text!r} names {len(ids)} records")
        return ids[0]

    def refs(self, texts: Iterable[str]) -> list[str]:
        return [self.ref(t) for t in texts]

    def get(self, text: str) -> Record:
        return self._by_id[self.ref(text)]

    def first_contact(self, partner: str) -> list[str]:
        found = self.get(partner)
        assert isinstance(found, Partner)
        return found.contacts[:1]


def build() -> Demo:
    """Every record of the demo chapter, validated; nothing is written."""
    demo = Demo()
    for row in OFFICIALS:
        demo.add(_official(row))
    # Partners list their contacts, so people come first; they name their partner by an alias.
    partner_by_alias = {fold(a): make_id(p["name"], "partner") for p in PARTNERS for a in p.get("aliases", [])}
    for row in PEOPLE:
        demo.add(_person(row, partner_by_alias))
    for row in PARTNERS:
        demo.add(_partner(row, demo))
    for row in PRIORITIES:
        demo.add(_priority(row, demo), also=[row["name"]])
    for row in RESOURCES:
        demo.add(_model(Resource, make_id(row["title"], "resource"), row))
    for engagement in _engagements(demo):
        demo.add(engagement)
    for testimony in _testimonies(demo):
        demo.add(testimony)
    return demo


def _model(model: type[Record], record_id: str, fields: dict[str, Any]) -> Record:
    data = {k: v for k, v in fields.items() if v not in (None, [], ())}
    return model.model_validate({**data, "id": record_id})


def _official(row: dict[str, Any]) -> Record:
    start, end = row["term"]
    offices = [{"classification": c, "address": a, "phone": p} for c, a, p in row["offices"]]
    fields = {k: v for k, v in row.items() if k not in ("term", "offices")}
    return _model(
        Official, make_id(row["name"], "official"), {**fields, "term_start": start, "term_end": end, "offices": offices}
    )


def _partner(row: dict[str, Any], demo: Demo) -> Record:
    history = [{"status": h[0], "date": h[1], "note": h[2] if len(h) > 2 else None} for h in row["history"]]
    fields = {k: v for k, v in row.items() if k != "history"}
    return _model(
        Partner,
        make_id(row["name"], "partner"),
        {**fields, "status_history": history, "contacts": demo.refs(row.get("contacts", []))},
    )


def _person(row: dict[str, Any], partner_by_alias: dict[str, str]) -> Record:
    fields = dict(row)
    if "affiliation" in row:
        fields["affiliation"] = partner_by_alias[fold(row["affiliation"])]
    return _model(Person, make_id(row["name"], "person"), fields)


def _priority(row: dict[str, Any], demo: Demo) -> Record:
    strategies = [{"summary": s, "partners": demo.refs(p)} for s, p in row["strategies"]]
    positions = [
        {"official": demo.ref(o), "stance": stance, "date": day, "source": source}
        for o, stance, day, source in sorted(row["positions"], key=lambda p: str(p[2]))  # oldest first
    ]
    fields = {k: v for k, v in row.items() if k != "name"}
    return _model(
        Priority, make_id(row["name"], "priority"), {**fields, "strategies": strategies, "positions": positions}
    )


def engagement(
    demo: Demo,
    date: str,
    kind: str,
    title: str,
    *,
    topic: str | None = None,
    location: str | None = None,
    district: str | None = None,
    partners: Sequence[str] = (),
    officials: Sequence[str] = (),
    people: Sequence[str] = (),
    headcount: int | None = None,
    languages: Sequence[str] = (),
    priorities: Sequence[str] = (),
    tags: Sequence[str] = (),
    notes: str | None = None,
    follow_ups: Sequence[tuple[str, str, str | None, str | None]] = (),
    delegates: bool = False,
) -> Record:
    """One engagement; with ``delegates``, each partner's first contact is added to ``people``."""
    partner_ids = demo.refs(partners)
    people_ids = demo.refs(people)
    if delegates:
        people_ids += [c for p in partner_ids for c in demo.first_contact(p) if c not in people_ids]
    return _model(
        Engagement,
        f"{date}-{make_id(title, 'engagement')}",
        {
            "date": date,
            "kind": kind,
            "topic": topic,
            "title": title,
            "location": location,
            "district": district,
            "partners": partner_ids,
            "officials": demo.refs(officials),
            "people": list(dict.fromkeys(people_ids)),
            "headcount": headcount,
            "languages": list(languages),
            "priorities": demo.refs(priorities),
            "tags": list(tags),
            "notes": notes,
            "follow_ups": [
                {"task": task, "owner": demo.ref(owner), "due": due, "done": done}
                for task, owner, due, done in follow_ups
            ],
        },
    )


def _engagements(demo: Demo) -> list[Record]:
    out: list[Record] = []
    for row in CHAPTER_MEETINGS:
        month = _month_name(row["date"])
        out.append(
            engagement(
                demo,
                row["date"],
                "chapter-meeting",
                f"Chapter meeting, {month}",
                location=row["location"],
                district=row["district"],
                partners=row["partners"],
                people=[*ORGANIZERS, *row.get("people", [])],
                headcount=row["headcount"],
                languages=row["languages"],
                priorities=row.get("priorities", []),
                notes=row["notes"],
                follow_ups=row.get("follow_ups", []),
                delegates=True,
            )
        )
    for date, officials, people, location, priorities, notes, follow_ups in OFFICIAL_ONE_ON_ONES:
        out.append(
            engagement(
                demo,
                date,
                "one-on-one",
                _one_on_one_title(demo, officials, people),
                location=location,
                officials=officials,
                people=people,
                partners=_affiliations(demo, people),
                priorities=priorities,
                notes=notes,
                follow_ups=follow_ups,
            )
        )
    for date, title, partners, people, notes in PARTNER_ONE_ON_ONES:
        out.append(engagement(demo, date, "one-on-one", title, partners=partners, people=people, notes=notes))
    for date, people, partners, title, notes in CALLS:
        out.append(engagement(demo, date, "call", title, partners=partners, people=people, notes=notes))
    for row in TRAININGS:
        out.append(engagement(demo, kind="training", people=ORGANIZERS[:1], **row, delegates=True))
    for row in EVENTS:
        out.append(engagement(demo, **row, delegates=True))
    return out


def _testimonies(demo: Demo) -> list[Record]:
    out: list[Record] = []
    for row in TESTIMONIES:
        record_id = make_id(f"{row['person']} {row['title']}", "testimony")
        fields = {k: v for k, v in row.items() if k != "file_text"}
        fields["person"] = demo.ref(row["person"])
        fields["partner"] = demo.ref(row["partner"])
        if "file_text" in row:
            link = f"{TESTIMONY_FILES}/{record_id}.txt"
            demo.attachments[link] = row["file_text"]
            fields["file"] = link
        out.append(_model(Testimony, record_id, fields))
    return out


def _month_name(date: str) -> str:
    return dt.date.fromisoformat(date).strftime("%B %Y")


def _one_on_one_title(demo: Demo, officials: list[str], people: list[str]) -> str:
    if officials:
        official = demo.get(officials[0])
        assert isinstance(official, Official)
        return f"One-on-one with {_honorific(official)} {official.name.split()[-1]}"
    staffer = demo.get(people[0])
    assert isinstance(staffer, Person) and staffer.works_for
    boss = demo.get(staffer.works_for)
    assert isinstance(boss, Official)
    return f"One-on-one with {staffer.name} ({_honorific(boss)} {boss.name.split()[-1]})"


def _honorific(official: Official) -> str:
    return {
        "LA County Board of Supervisors": "Supervisor",
        ASSEMBLY: "Assemblymember",
        SENATE: "Senator",
        COUNCIL: "Councilmember",
    }.get(official.office, "Mayor")


def _affiliations(demo: Demo, people: list[str]) -> list[str]:
    """The partners of the people who came along to a meeting with an office."""
    found: list[str] = []
    for person in map(demo.get, people):
        if isinstance(person, Person) and person.affiliation and person.affiliation not in found:
            found.append(person.affiliation)
    return found


# --- writing ------------------------------------------------------------------


def owned_paths(folder: Path, demo: Demo) -> list[Path]:
    """What --force removes: the record folders and the demo's own attachments."""
    paths = [folder / kind.value for kind in RecordKind]
    paths += [folder / link for link in demo.attachments]
    return [p for p in paths if p.exists()]


def write(folder: Path, demo: Demo, force: bool = False, advance: Callable[[], object] = lambda: None) -> int:
    """Write the demo into ``folder``; returns the number of records written.

    Refuses a folder that already holds records unless ``force``; settings are
    written from capctl's templates when missing and must match them otherwise.
    ``advance`` is called after each record, for a progress display.
    """
    if folder.exists() and not folder.is_dir():
        raise DemoError(f"'{folder}' exists and is not a folder")
    settings = {name: template(name) for name in (SETTINGS_FILE, METRICS_FILE)}
    if folder.exists():
        held = sorted({path.relative_to(folder).parts[0] for kind, path in record_files(folder) if kind})
        held += [link for link in demo.attachments if (folder / link).exists()]
        if held and not force:
            raise DemoError(
                f"'{folder}' already holds records ({', '.join(held)}); nothing was changed. "
                "Pass --force to replace the demo's record folders"
            )
        differ = [
            n for n, text in settings.items() if (folder / n).exists() and (folder / n).read_text("utf-8") != text
        ]
        if differ and not force:
            raise DemoError(
                f"'{folder}' has its own {', '.join(differ)}; nothing was changed. "
                "Pass --force to replace them with capctl's templates"
            )
        for path in owned_paths(folder, demo):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    for name, text in settings.items():
        path = folder / name
        if not path.exists():
            write_exclusive(path, text)
        elif path.read_text("utf-8") != text:
            replace_atomic(path, text)
    for record in demo.records:
        write_new(folder, record)
        advance()
    for link, text in demo.attachments.items():
        write_exclusive(folder / link, text)
    return len(demo.records)


class DemoError(Exception):
    """The folder cannot take the demo; one sentence for the user."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="demo_data.py",
        description="Write the demo chapter (fictional people, real offices) into a data folder.",
    )
    parser.add_argument("folder", type=Path, help="the data folder to write, e.g. data")
    parser.add_argument(
        "--force",
        action="store_true",
        help="first remove the record folders (partners/, people/, ...) and the demo's files/ it would write",
    )
    args = parser.parse_args(argv)
    try:
        demo = build()
    except (ValidationError, KeyError, ValueError) as exc:
        print(f"error: the demo's own tables are invalid: {exc}", file=sys.stderr)
        return 1
    from rich.console import Console
    from rich.progress import Progress

    # Every file is synced to disk: a few seconds on a busy machine, hence a progress bar (on stderr).
    try:
        console = Console(stderr=True)
        with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task(f"writing {args.folder}", total=len(demo.records))
            count = write(args.folder, demo, force=args.force, advance=lambda: progress.advance(task))
    except DemoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {count} records to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
